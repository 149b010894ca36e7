import example from './dto/validate-payslip.example.json';
import { carriedForwardMonths } from './indicators/carry-forward';
import { loadShippedIndicators } from './indicators/shipped-indicators';
import { validatePayslip } from './payslip-validator';
import { PayslipInput, PayslipLineInput } from './payslip/payslip-input';

const sets = loadShippedIndicators();
const now = new Date('2026-04-10T12:00:00Z');
const slip = (): PayslipInput => structuredClone(example) as PayslipInput;
const line = (code: string, amount: number): PayslipLineInput => ({ code, name: code, category: '', amount, total: amount });
const report = (result: ReturnType<typeof validatePayslip>, rule: string) => result.lines.filter((l) => l.rule === rule);

describe('validatePayslip', () => {
  it('says in its warnings when the month is validated with values carried forward from an earlier month', () => {
    const served = new Map(sets);
    for (const set of carriedForwardMonths(sets, '2026-09')) served.set(set.period, set);
    const september = validatePayslip({ ...slip(), period: '2026-09' }, served, { now: new Date('2026-09-05T12:00:00Z') });
    expect(september.period_used).toBe('2026-09');
    expect(september.warnings).toContainEqual(expect.stringMatching(/^Indicadores de 2026-09 aún no publicados; se validó con valores arrastrados de 2026-07: .*topeAfpSaludUf/));
    const march = validatePayslip(slip(), served, { now });
    expect(march.warnings.join(' ')).not.toMatch(/arrastrados/);
  });

  describe('odoo-contract.md §3.4 example (2026-03, AFP Modelo)', () => {
    it('reproduces every figure and approves', () => {
      const result = validatePayslip(slip(), sets, { now });
      expect(result).toMatchObject({ success: true, errors: [], warnings: [], recommendation: 'approve', period_used: '2026-03' });
      expect(result.confidence).toBeGreaterThanOrEqual(95);
      const byRule = Object.fromEntries(result.lines.map((l) => [l.label, [l.expected, l.found, l.status]]));
      expect(byRule).toMatchObject({
        'Total imponible': [1_163_354, 1_163_354, 'ok'],
        'Gratificación legal (art. 50)': [213_354, 213_354, 'ok'],
        'Cotización AFP modelo': [123_083, 123_083, 'ok'],
        'Cotización salud (Fonasa)': [81_435, 81_435, 'ok'],
        'Seguro de cesantía trabajador': [6_980, 6_980, 'ok'],
        'Impuesto único': [334, 334, 'ok'],
        'Total haberes': [1_163_354, 1_163_354, 'ok'],
        'Total descuentos': [211_832, 211_832, 'ok'],
        'Alcance líquido': [951_522, 951_522, 'ok'],
      });
      expect(result.findings).toContainEqual(expect.objectContaining({ severity: 'info', message: expect.stringContaining('modelo') }));
    });

    it.each([
      ['AFP', -120_000, 'P-03'],
      ['SALUD', -70_000, 'P-04'],
      ['AFC', -9_000, 'P-05'],
      ['IMPUESTO_UNICO', -3_340, 'P-08'],
      ['GRAT', 200_000, 'P-07'],
      ['TOTAL_IMPONIBLE', 1_200_000, 'P-02'],
      ['NET', 960_000, 'P-10'],
    ])('finds a wrong %s line and only that one', (code, amount, rule) => {
      const input = slip();
      input.lines = input.lines.map((l) => (l.code === code ? { ...l, amount, total: amount } : l));
      const result = validatePayslip(input, sets, { now });
      expect(result.recommendation).toBe('reject');
      expect(result.confidence).toBeLessThanOrEqual(40);
      const wrong = result.lines.filter((l) => l.status === 'error');
      expect(wrong.map((l) => l.rule)).toContain(rule);
      expect(wrong.find((l) => l.rule === rule)!.code).toBe(code);
    });

    it('keeps the legal deductions independent: a wrong AFP does not make the tax line wrong', () => {
      const input = { ...slip(), afp: 'Modelo' };
      input.lines = input.lines.map((l) => (l.code === 'AFP' ? { ...l, amount: -120_000, total: -120_000 } : l));
      const result = validatePayslip(input, sets, { now });
      expect(report(result, 'P-08')[0].status).toBe('ok');
      expect(report(result, 'P-04')[0].status).toBe('ok');
    });

    it('answers the abbreviated example with missing lines instead of refusing it', () => {
      const input = slip();
      input.lines = input.lines.filter((l) => ['BASIC', 'GRAT', 'AFP', 'NET'].includes(l.code));
      const result = validatePayslip(input, sets, { now });
      expect(result.success).toBe(true);
      expect(
        result.lines
          .filter((l) => l.status === 'missing')
          .map((l) => l.rule)
          .sort(),
      ).toEqual(['P-04', 'P-08']);
      // without contract_type a slip with no AFC line is read as fixed-term, and says so
      expect(result.findings).toContainEqual(expect.objectContaining({ rule: 'P-05', message: expect.stringContaining('plazo fijo') }));
      expect(result.recommendation).toBe('reject'); // the NET line does not add up with the lines sent
    });
  });

  it('recomputes a 2024 salary above the AFP tope (Habitat, bracket 4)', () => {
    const input: PayslipInput = {
      employee_id: 3,
      wage: 4_000_000,
      period: '2024-06',
      afp: 'AFP Habitat',
      contract_type: 'indefinido',
      lines: [line('BASIC', 4_000_000), line('AFP', -356_956), line('SALUD', -221_712), line('AFC', -24_000), line('IMPUESTO', -163_333), line('NET', 3_233_999)],
    };
    const result = validatePayslip(input, sets, { now: new Date('2024-07-05T12:00:00Z') });
    expect(result.errors).toEqual([]);
    expect(report(result, 'P-03')[0].indicator_used).toContain('3.167.308');
    expect(report(result, 'P-08')[0].indicator_used).toContain('tramo 4');
    expect(result.recommendation).toBe('approve');
  });

  it('recomputes a 2025 fixed-term slip with an Isapre plan and employer lines', () => {
    const input: PayslipInput = {
      employee_id: 4,
      wage: 1_800_000,
      period: '2025-09',
      afp: 'Capital',
      contract_type: 'plazo_fijo',
      health: { system: 'isapre', plan_uf: 4.5 },
      lines: [
        line('BASIC', 1_800_000),
        line('GRAT', 209_396),
        line('AFP', -229_875),
        line('ISAPRE', -177_685),
        line('IMPUESTO', -28_151),
        line('SIS', 37_777),
        line('AFC_EMPLEADOR', 60_282),
        line('APORTE_EMPLEADOR_REFORMA', 20_094),
        line('NET', 1_573_685),
      ],
    };
    const result = validatePayslip(input, sets, { now: new Date('2025-10-03T12:00:00Z') });
    expect(result.errors).toEqual([]);
    expect(report(result, 'P-05')[0]).toMatchObject({ expected: 0, status: 'ok' });
    expect(report(result, 'P-06').map((l) => l.expected)).toEqual([37_777, 60_282, 20_094]);
    const wrongEmployer = { ...input, lines: input.lines.map((l) => (l.code === 'SIS' ? line('SIS', 30_000) : l)) };
    expect(validatePayslip(wrongEmployer, sets, { now }).errors[0]).toContain('SIS');
  });

  it('flags AFP Uno still charged at 0,49 % after October 2025', () => {
    const input: PayslipInput = { employee_id: 5, wage: 1_000_000, period: '2025-11', afp: 'uno', lines: [line('BASIC', 1_000_000), line('AFP', -104_900)] };
    const result = validatePayslip(input, sets, { now });
    expect(report(result, 'P-03')[0]).toMatchObject({ expected: 104_600, found: 104_900, difference: 300, status: 'error' });
    expect(result.errors[0]).toContain('0,49 %');
  });

  it('answers part-time wages under the minimum and old slips with warnings, not refusals', () => {
    const input: PayslipInput = {
      employee_id: 6,
      wage: 300_000,
      period: '2024-03',
      lines: [line('BASIC', 300_000), line('AFP', -33_810), line('SALUD', -21_000), line('AFC', -1_800), line('NET', 243_390)],
    };
    const result = validatePayslip(input, sets, { now });
    expect(result.success).toBe(true);
    expect(result.errors).toEqual([]);
    expect(result.warnings.join('\n')).toMatch(/ingreso mínimo/);
    expect(result.warnings.join('\n')).toMatch(/hace 25 meses/);
  });

  it('accepts an Isapre amount above 7 % when no plan is given, with a warning', () => {
    const input = slip();
    input.lines = input.lines.map((l) => (l.code === 'SALUD' ? { ...l, amount: -120_000, total: -120_000 } : l));
    const result = validatePayslip(input, sets, { now });
    expect(report(result, 'P-04')[0].status).toBe('warning');
    expect(result.warnings.join()).toMatch(/Isapre/);
  });

  it('uses the closest earlier period when the requested one has no indicators', () => {
    const result = validatePayslip({ ...slip(), period: '2026-09' }, sets, { now: new Date('2026-09-15T12:00:00Z') });
    expect(result.period_used).toBe('2026-07');
    expect(result.warnings.join()).toMatch(/se usaron los de 2026-07/);
  });
});
