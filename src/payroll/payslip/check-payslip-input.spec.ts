import example from '../dto/validate-payslip.example.json';
import { checkPayslipInput } from './check-payslip-input';
import { PayslipInput } from './payslip-input';

const now = new Date('2026-04-10T12:00:00Z');
const valid = (): PayslipInput => structuredClone(example) as PayslipInput;

describe('checkPayslipInput', () => {
  it('accepts the contract example and realistic data the old service refused', () => {
    expect(checkPayslipInput(valid(), now)).toEqual([]);
    expect(checkPayslipInput({ ...valid(), wage: 250_000, period: '2023-01' }, now)).toEqual([]);
    expect(checkPayslipInput({ ...valid(), wage: 0 }, now)).toEqual([]);
  });

  it('rejects a negative wage and a malformed period, but not an unknown AFP (a P-03 warning instead)', () => {
    expect(checkPayslipInput({ ...valid(), wage: -1 }, now)).toEqual(['wage no puede ser negativo']);
    expect(checkPayslipInput({ ...valid(), afp: 'AFP Futuro' }, now)).toEqual([]);
    expect(checkPayslipInput({ ...valid(), afp: 'AFP PlanVital' }, now)).toEqual([]);
    for (const period of ['2026-13', '26-03', '2026/03', '']) expect(checkPayslipInput({ ...valid(), period }, now)[0]).toMatch(/YYYY-MM/);
  });

  it('rejects a future period only beyond both the current month and the last available indicators', () => {
    expect(checkPayslipInput({ ...valid(), period: '2026-07' }, now)).toEqual([]); // shipped data reaches 2026-07
    expect(checkPayslipInput({ ...valid(), period: '2026-08' }, now)[0]).toMatch(/futuro/);
    expect(checkPayslipInput({ ...valid(), period: '2026-08' }, new Date('2026-08-02T12:00:00Z'))).toEqual([]);
    expect(checkPayslipInput({ ...valid(), period: '2026-09' }, now, '2026-09')).toEqual([]);
  });

  it('names bad lines and optional fields', () => {
    const input = { ...valid(), lines: [{ code: '', amount: Number.NaN }], cargas_familiares: 1.5 } as PayslipInput;
    expect(checkPayslipInput(input, now)).toEqual(['lines[0].code es obligatorio', 'lines[0].amount debe ser numérico', 'cargas_familiares debe ser un entero ≥ 0']);
  });

  it('rejects amounts beyond exact decimal range, naming the field, instead of failing in the calculators', () => {
    const line = valid().lines[0];
    expect(checkPayslipInput({ ...valid(), lines: [{ ...line, total: 9007199254740992 }] }, now)).toEqual([expect.stringMatching(/^lines\[0\]\.total está fuera de rango/)]);
    expect(checkPayslipInput({ ...valid(), lines: [{ ...line, amount: -1e308 }] }, now)).toEqual([expect.stringMatching(/^lines\[0\]\.amount está fuera de rango/)]);
    expect(checkPayslipInput({ ...valid(), wage: 2 ** 53, total_liquido: 1e20 }, now)).toEqual([expect.stringMatching(/^wage está fuera/), expect.stringMatching(/^total_liquido está fuera/)]);
    const many = Array.from({ length: 6 }, (_, i) => ({ code: `BONO${i}`, amount: 999_999_999 }));
    expect(checkPayslipInput({ ...valid(), lines: many }, now)).toEqual([expect.stringMatching(/suma de los montos de lines/)]);
    expect(checkPayslipInput({ ...valid(), cargas_familiares: 2 ** 31 }, now)).toEqual(['cargas_familiares no puede superar 100']);
  });
});
