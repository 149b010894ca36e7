import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { loadShippedIndicators } from '../indicators/shipped-indicators';
import { validatePayslip } from '../payslip-validator';
import { checkPayslipInput } from '../payslip/check-payslip-input';
import { ValidatePayslipDto } from './validate-payslip.dto';
import example from './validate-payslip.example.json';

const toDto = (body: object) => plainToInstance(ValidatePayslipDto, body);

describe(ValidatePayslipDto.name, () => {
  it('accepts the Swagger example, which also validates clean against the calculators', () => {
    const dto = toDto(example);
    expect(validateSync(dto)).toEqual([]);
    const now = new Date('2026-04-10T12:00:00Z');
    expect(checkPayslipInput(dto, now)).toEqual([]);
    const result = validatePayslip(dto, loadShippedIndicators(), { now });
    expect(result).toMatchObject({ errors: [], warnings: [], recommendation: 'approve' });
  });

  it('rejects a negative wage, a malformed period and bad nested lines', () => {
    const errors = validateSync(toDto({ ...example, wage: -5, period: '2026-3', lines: [{ code: 'AFP', amount: 'x' }], health: { system: 'other' } }));
    expect(errors.map((e) => e.property).sort()).toEqual(['health', 'lines', 'period', 'wage']);
  });
});
