import { BadRequestException } from '@nestjs/common';

import type { Caller } from 'src/common/auth';

import example from './dto/validate-payslip.example.json';
import { IndicatorSet } from './indicators/indicator-set';
import { IndicatorStore } from './indicators/indicator-store.service';
import { loadShippedIndicators } from './indicators/shipped-indicators';
import { PayrollClock } from './payroll-clock';
import { PayrollValidationService } from './payroll-validation.service';
import { PayslipExplainer } from './payslip-explainer.service';

const CALLER: Caller = { keyName: 'odoo', companies: null, isAdmin: false };

class FixedClock extends PayrollClock {
  now(): Date {
    return new Date('2026-11-22T12:00:00Z');
  }
}

describe(PayrollValidationService.name, () => {
  let sets: Map<string, IndicatorSet>;
  let explain: jest.Mock;
  let sut: PayrollValidationService;

  beforeEach(() => {
    sets = loadShippedIndicators();
    explain = jest.fn().mockResolvedValue(null);
    const store = { sets: async () => sets } as unknown as IndicatorStore;
    sut = new PayrollValidationService(store, { explain } as unknown as PayslipExplainer, new FixedClock());
  });

  describe('validate', () => {
    it('validates against the stored sets and attaches the explanation', async () => {
      explain.mockResolvedValue({ text: 'Todo bien.', provider: 'openai', model: 'gpt-4o-mini' });
      const result = await sut.validate(example, CALLER);
      expect(result).toMatchObject({ success: true, recommendation: 'approve', period_used: '2026-03', explanation: { text: 'Todo bien.' } });
      expect(explain).toHaveBeenCalledWith(expect.objectContaining({ recommendation: 'approve' }), CALLER);
    });

    it('uses what is stored, not the shipped data', async () => {
      sets.get('2026-03')!.afpCommissionPct.value!.modelo = 0.69;
      const result = await sut.validate({ ...example, afp: 'Modelo' }, CALLER);
      expect(result.recommendation).toBe('reject');
      expect(result.lines.find((l) => l.code === 'AFP')).toMatchObject({ expected: 124363, found: 123083 });
    });

    it('rejects a period after both the current month and the last stored period, and accepts one an import added', async () => {
      const future = { ...example, period: '2027-02' };
      await expect(sut.validate(future, CALLER)).rejects.toThrow(BadRequestException);
      await expect(sut.validate(future, CALLER)).rejects.toThrow('2027-02 está en el futuro (último período disponible: 2026-07)');
      sets.set('2027-02', { ...sets.get('2026-07')!, period: '2027-02' });
      await expect(sut.validate(future, CALLER)).resolves.toMatchObject({ success: true, period_used: '2027-02' });
      expect(explain).toHaveBeenCalledTimes(1);
    });

    it('names every problem of the input in one 400', async () => {
      await expect(sut.validate({ ...example, wage: -1, period: '2026-3' }, CALLER)).rejects.toThrow(/period debe tener el formato YYYY-MM .*; wage no puede ser negativo/);
    });
  });
});
