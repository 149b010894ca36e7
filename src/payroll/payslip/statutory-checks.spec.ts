import example from '../dto/validate-payslip.example.json';
import { loadShippedIndicators } from '../indicators/shipped-indicators';
import { validatePayslip } from '../payslip-validator';
import { classifyLine, isWorkerLine } from './line-classifier';
import { PayslipInput, PayslipLineInput } from './payslip-input';
import { legalWeeklyHours } from './statutory-checks';

const sets = loadShippedIndicators();
const now = new Date('2026-04-10T12:00:00Z');
const line = (code: string, amount: number): PayslipLineInput => ({ code, name: code, category: '', amount, total: amount });

/** The §3.4 example (2026-03, AFP Modelo) with lines replaced/added, its haberes, descuentos and líquido recomputed. */
function slip(edit: (lines: PayslipLineInput[]) => PayslipLineInput[], extra: Partial<PayslipInput> = {}): PayslipInput {
  const lines = edit(structuredClone(example.lines) as PayslipLineInput[]).filter((l) => !['TOTAL_HABERES', 'TOTAL_DESCUENTOS', 'NET'].includes(l.code));
  const worker = lines.map(classifyLine).filter(isWorkerLine);
  const haberes = worker.filter((l) => l.amount > 0).reduce((s, l) => s + l.amount, 0);
  const descuentos = -worker.filter((l) => l.amount < 0).reduce((s, l) => s + l.amount, 0);
  return {
    ...(structuredClone(example) as PayslipInput),
    ...extra,
    lines: [...lines, line('TOTAL_HABERES', haberes), line('TOTAL_DESCUENTOS', -descuentos), line('NET', haberes - descuentos)],
    total_liquido: haberes - descuentos,
  };
}
const replace = (code: string, amount: number) => (lines: PayslipLineInput[]) => lines.map((l) => (l.code === code ? line(code, amount) : l));
const validate = (input: PayslipInput, indicators = sets) => validatePayslip(input, indicators, { now });
const rules = (result: ReturnType<typeof validate>, severity: 'error' | 'warning' | 'info') => result.findings.filter((f) => f.severity === severity).map((f) => f.rule);

/** A part-time slip: base 250 000 (30 h of 44), gratificación 62 500, legal deductions on 312 500, no tax. */
function partTime(base: number, extra: Partial<PayslipInput>): PayslipInput {
  const imponible = base + base / 4;
  return {
    employee_id: 8,
    wage: base,
    period: '2026-03',
    afp: 'Modelo',
    contract_type: 'indefinido',
    ...extra,
    lines: [line('BASIC', base), line('GRAT', base / 4), line('AFP', -Math.round(imponible * 0.1058)), line('SALUD', -Math.round(imponible * 0.07)), line('AFC', -Math.round(imponible * 0.006))],
  };
}

describe('P-01 minimum wage, prorated', () => {
  it('uses the legal week of the period (45 h, 44 h from 2024-05, 42 h from 2026-05)', () => {
    expect([legalWeeklyHours('2024-03'), legalWeeklyHours('2025-01'), legalWeeklyHours('2026-06')]).toEqual([45, 44, 42]);
  });

  it('passes a part-time wage above its prorated minimum with a finding, never a 400 or an error', () => {
    const result = validate(partTime(300_000, { weekly_hours: 20 }));
    expect(result.success).toBe(true);
    expect(rules(result, 'error')).not.toContain('P-01');
    expect(result.findings).toContainEqual({
      severity: 'info',
      rule: 'P-01',
      message: expect.stringMatching(/cumple el ingreso mínimo proporcional \$245\.000 \(IMM \$539\.000 × 30\/30 días × 20\/44 h\)/),
    });
  });

  it('flags a part-time wage below its prorated minimum', () => {
    const result = validate(partTime(150_000, { weekly_hours: 20 }));
    expect(result.errors).toContainEqual(expect.stringMatching(/^Imponible \$187\.500 bajo el ingreso mínimo proporcional \$245\.000/));
    expect(result.recommendation).toBe('reject');
  });

  it('prorates a partial month from the dates, and warns only when nothing explains a low wage', () => {
    const partial = validate(partTime(200_000, { date_from: '2026-03-20', date_to: '2026-03-31' }));
    expect(partial.findings).toContainEqual(expect.objectContaining({ severity: 'info', rule: 'P-01', message: expect.stringContaining('$215.600 (IMM $539.000 × 12/30 días') }));
    expect(validate(partTime(150_000, { worked_days: 12 })).errors).toContainEqual(expect.stringContaining('Imponible $187.500 bajo el ingreso mínimo proporcional $215.600'));
    const unexplained = validate(partTime(150_000, {}));
    expect(unexplained.warnings).toContainEqual(expect.stringMatching(/bajo el ingreso mínimo \$539\.000: válido solo con jornada parcial/));
    expect(rules(unexplained, 'error')).not.toContain('P-01');
  });

  it('applies the reduced minimum under 18: 412 500 passes, 375 000 is flagged', () => {
    expect(rules(validate(partTime(330_000, { age: 17 })), 'warning')).not.toContain('P-01');
    expect(rules(validate(partTime(330_000, { age: 30 })), 'warning')).toContain('P-01');
    expect(validate(partTime(300_000, { age: 17 })).errors).toContainEqual(expect.stringContaining('(mínimo menores de 18 / mayores de 65 $402.082 × 30/30 días × 44/44 h)'));
  });
});

describe('P-08 impuesto único with APV', () => {
  const apvB = slip((lines) => [...replace('IMPUESTO_UNICO', 0)(lines), line('APV_B', -100_000)]);

  it('passes a régimen B APV that lowers the tax base (951 856 − 100 000 is exempt)', () => {
    const result = validate(apvB);
    expect(result.errors).toEqual([]);
    expect(result.lines.find((l) => l.rule === 'P-08')).toMatchObject({ expected: 0, found: 0, indicator_used: expect.stringContaining('APV régimen B $100.000') });
  });

  it('flags a régimen B APV whose tax was computed without the deduction', () => {
    const result = validate(slip((lines) => [...lines, line('APV_B', -100_000)]));
    expect(result.errors).toContainEqual('Impuesto único: esperado $0, encontrado $334 (base $851.856)');
  });

  it('does not deduct régimen A, and accepts either reading when the régimen is not given', () => {
    expect(
      validate(
        slip((lines) => [...lines, line('APV', -100_000)]),
        sets,
      ).errors,
    ).toEqual([]);
    const regimenA = validate({ ...apvB, apv_regimen: 'A' });
    expect(regimenA.errors).toContainEqual(expect.stringMatching(/^Impuesto único: esperado \$334, encontrado \$0/));
  });
});

describe('P-06 mutual / ISL', () => {
  it('passes the declared rate and flags a different amount', () => {
    const ok = validate(slip((lines) => [...lines, line('MUTUAL', 21_289)], { accident_insurance_pct: 1.83 }));
    expect(ok.lines.find((l) => l.label.startsWith('Mutual'))).toMatchObject({ expected: 21_289, status: 'ok' });
    const wrong = validate(slip((lines) => [...lines, line('MUTUAL', 15_000)], { accident_insurance_pct: 1.83 }));
    expect(wrong.errors).toContainEqual('Mutual/ISL: esperado $21.289 (1,83 %), encontrado $15.000');
  });

  it('without a declared rate, flags only an amount below the basic 0,93 %', () => {
    expect(validate(slip((lines) => [...lines, line('ISL', 10_819)])).errors).toEqual([]);
    expect(validate(slip((lines) => [...lines, line('ISL', 9_000)])).errors).toContainEqual('Mutual/ISL $9.000 bajo la cotización básica 0,93 % ($10.819)');
  });
});

describe('P-04 Fonasa / CCAF split', () => {
  const withSplit = new Map(sets);
  withSplit.set('2026-03', { ...sets.get('2026-03')!, healthSplit: { value: { fonasaPct: 2.8, ccafPct: 4.2 }, source: 'Previred', status: 'confirmed', confirmed: true } });
  const split = (fonasa: number, ccaf: number) => slip((lines) => [...lines.filter((l) => l.code !== 'SALUD'), line('FONASA', -fonasa), line('CCAF', -ccaf)], { ccaf: true });

  it('passes the 7 % split as Previred publishes it (4,2 % CCAF, the rest Fonasa)', () => {
    const result = validate(split(32_574, 48_861), withSplit);
    expect(result.errors).toEqual([]);
    expect(result.lines.filter((l) => l.rule === 'P-04').map((l) => [l.label, l.expected, l.status])).toEqual([
      ['Cotización salud (Fonasa)', 81_435, 'ok'],
      ['Salud: parte CCAF', 48_861, 'ok'],
      ['Salud: parte Fonasa', 32_574, 'ok'],
    ]);
  });

  it('flags a split that does not match, even when the total is the legal 7 %', () => {
    const result = validate(split(45_601, 35_834), withSplit);
    expect(result.errors).toContainEqual(expect.stringMatching(/^Salud: parte CCAF: esperado \$48\.861, encontrado \$35\.834/));
  });

  it('applies the shipped split of a month Previred was not fetched for: 3,1 % CCAF in January 2026 (confirmed)', () => {
    const january = (fonasa: number, ccaf: number) => validate({ ...split(fonasa, ccaf), period: '2026-01' });
    const passing = january(45_371, 36_064);
    expect(passing.lines.filter((l) => l.rule === 'P-04').map((l) => [l.label, l.expected, l.status])).toEqual([
      ['Cotización salud (Fonasa)', 81_435, 'ok'],
      ['Salud: parte CCAF', 36_064, 'ok'],
      ['Salud: parte Fonasa', 45_371, 'ok'],
    ]);
    expect(passing.findings.filter((f) => f.rule === 'P-04')).toEqual([]);
    expect(january(32_574, 48_861).errors).toContainEqual(
      expect.stringMatching(/^Salud: parte CCAF: esperado \$36\.064, encontrado \$48\.861 \(3,1 % CCAF \+ 3,9 % Fonasa de \$1\.163\.354 \(2026-01, S-SIS25 \(SUSESO/),
    );
  });

  it('only warns on the shipped 2,8 % / 4,2 % split from February 2026, which has a single source', () => {
    expect(validate(split(32_574, 48_861)).findings.filter((f) => f.rule === 'P-04')).toEqual([]);
    const result = validate(split(45_371, 36_064));
    expect(result.errors).toEqual([]);
    expect(result.warnings).toContainEqual(
      expect.stringMatching(/^Salud: parte CCAF: esperado \$48\.861, encontrado \$36\.064 \(4,2 % CCAF \+ 2,8 % Fonasa de \$1\.163\.354 \(2026-03, fuente única no confirmada: S-KAR only/),
    );
  });

  it('warns when the employer is in a CCAF and the slip has no CCAF line', () => {
    expect(
      validate(
        slip((lines) => lines, { ccaf: true }),
        withSplit,
      ).warnings,
    ).toContainEqual(expect.stringMatching(/falta la línea CCAF/));
  });
});

describe('P-03 unknown AFP', () => {
  it('validates a slip whose AFP the service does not know, with a warning naming it and the known ones', () => {
    const result = validate(slip((lines) => lines, { afp: 'AFP Futuro' }));
    expect(result.success).toBe(true);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toContainEqual('AFP desconocida "AFP Futuro" (conocidas: capital, cuprum, habitat, modelo, planvital, provida, uno): no se verificó la tasa de cotización AFP');
    expect(result.lines.find((l) => l.rule === 'P-03')).toMatchObject({ expected: null, found: 123_083, status: 'warning' });
    expect(result.lines.find((l) => l.rule === 'P-08')).toMatchObject({ expected: 334, status: 'ok' });
  });

  it('still flags an AFP line below the 10 % every fund charges', () => {
    const result = validate(slip(replace('AFP', -100_000), { afp: 'AFP Futuro' }));
    expect(result.errors).toContainEqual('AFP $100.000 bajo la cotización obligatoria 10 % ($116.335), que toda AFP cobra');
  });
});
