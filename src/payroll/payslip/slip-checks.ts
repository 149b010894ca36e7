import { asignacionFamiliar } from '../calc/asignacion-familiar';
import { employerContributions } from '../calc/employer-contributions';
import { gratificacionLegal } from '../calc/gratificacion';
import { impuestoUnico, impuestoUnicoBase } from '../calc/impuesto-unico';
import { CheckContext, codeOf, foundAmount, note } from './check-context';
import { LegalDeductions } from './legal-deductions';
import { isImponibleHaber, isWorkerLine } from './line-classifier';
import { apvTaxDeduction } from './statutory-checks';
import { clp, dec, lineReport } from './validation-result';

/** P-02: the slip's total imponible (line or field) against the sum of its imponible haberes (P-01 is checkMinimumWage). */
export function checkImponible(ctx: CheckContext): void {
  const lines = ctx.lines.filter((l) => l.kind === 'total_imponible');
  const declared =
    lines.length > 0
      ? lines.map((l) => ({ code: l.line.code, found: l.amount }))
      : ctx.input.total_imponible !== undefined
        ? [{ code: 'total_imponible', found: Math.round(ctx.input.total_imponible) }]
        : [];
  for (const { code, found } of declared) {
    const report = lineReport({ code, rule: 'P-02', label: 'Total imponible', expected: ctx.imponible, found, indicator_used: 'suma de haberes imponibles' });
    ctx.reports.push(report);
    if (report.status === 'error') note(ctx, 'error', 'P-02', `${code}: suma de haberes imponibles ${clp(ctx.imponible)}, informado ${clp(found)}`);
  }
}

/** P-07: gratificación legal art. 50 (25 % capped at 4,75 IMM / 12); less is an error, more a warning (may be contractual). */
export function checkGratificacion(ctx: CheckContext): void {
  const found = foundAmount(ctx, 'gratificacion');
  const imm = ctx.indicators.get('imm');
  if (found === null || !imm) return;
  const rule = ctx.indicators.get('gratificacion')!.value;
  const remunerations = ctx.lines.filter((l) => isImponibleHaber(l) && l.kind !== 'gratificacion').reduce((s, l) => s + l.amount, 0);
  const expected = gratificacionLegal(remunerations, imm.value, rule);
  const base = lineReport({
    code: codeOf(ctx, 'gratificacion', 'GRAT'),
    rule: 'P-07',
    label: 'Gratificación legal (art. 50)',
    expected,
    found,
    indicator_used: `mín(${dec(rule.pct)} % de ${clp(remunerations)}, ${dec(rule.annualCapImm)} × IMM ${clp(imm.value)} / 12)`,
  });
  const report = base.status === 'error' && found > expected ? { ...base, status: 'warning' as const } : base;
  ctx.reports.push(report);
  if (report.status === 'warning') note(ctx, 'warning', 'P-07', `Gratificación ${clp(found)} supera el art. 50 (${clp(expected)}): aceptable solo si es pactada`);
  if (report.status === 'error') note(ctx, 'error', 'P-07', `Gratificación: esperado ${clp(expected)}, encontrado ${clp(found)}`);
}

/** P-08: impuesto único on imponible minus the expected legal deductions and APV régimen B, with the month's UTM table. */
export function checkImpuesto(ctx: CheckContext, legal: LegalDeductions): void {
  const utm = ctx.indicators.get('utm');
  if (!utm) return;
  const brackets = ctx.indicators.get('taxBrackets')!.value;
  const afp = legal.afp ?? foundAmount(ctx, 'afp') ?? 0;
  const apv = apvTaxDeduction(ctx);
  const legalBase = impuestoUnicoBase({ imponible: ctx.imponible, afp, healthLegal: legal.healthLegal, afcWorker: legal.afcWorker });
  const declared = foundAmount(ctx, 'tax');
  const options = apv.candidates.map((deduction) => {
    const base = Math.max(0, legalBase - deduction);
    return { base, tax: impuestoUnico(base, utm.value, brackets) };
  });
  const { base, tax } = options.find((o) => declared !== null && Math.abs(o.tax.amount - declared) <= 1) ?? options[0];
  const found = declared ?? (tax.amount === 0 ? 0 : null);
  const report = lineReport({
    code: codeOf(ctx, 'tax', 'IMPUESTO'),
    rule: 'P-08',
    label: 'Impuesto único',
    expected: tax.amount,
    found,
    indicator_used: `base ${clp(base)}${apv.text} × ${dec(tax.factor)} − ${dec(tax.rebajaUtm)} × UTM ${clp(utm.value)} (tramo ${tax.bracket})`,
  });
  ctx.reports.push(report);
  if (report.status === 'error') note(ctx, 'error', 'P-08', `Impuesto único: esperado ${clp(tax.amount)}, encontrado ${clp(found!)} (base ${clp(base)})`);
  if (report.status === 'missing') note(ctx, 'warning', 'P-08', `Falta la línea de impuesto único (esperado ${clp(tax.amount)})`);
}

/** P-09: asignación familiar by tramo when the caller says how many cargas there are (income average unknown → warning only). */
export function checkAsignacionFamiliar(ctx: CheckContext): void {
  const cargas = ctx.input.cargas_familiares;
  const found = foundAmount(ctx, 'asignacion_familiar');
  const tramos = ctx.indicators.get('asignacionFamiliar');
  if (cargas === undefined || !tramos) return;
  const { tramo, amount } = asignacionFamiliar(ctx.imponible, cargas, tramos.value);
  const base = lineReport({
    code: codeOf(ctx, 'asignacion_familiar', 'ASIGFAM'),
    rule: 'P-09',
    label: 'Asignación familiar',
    expected: amount,
    found: found ?? (amount === 0 ? 0 : null),
    indicator_used: `${cargas} carga(s), tramo ${tramo} según imponible del mes`,
  });
  const report = base.status === 'error' ? { ...base, status: 'warning' as const } : base;
  ctx.reports.push(report);
  if (report.status !== 'ok')
    note(ctx, 'warning', 'P-09', `Asignación familiar: esperado ${clp(amount)} (tramo ${tramo}), encontrado ${clp(found ?? 0)}; el tramo legal usa el ingreso promedio del semestre anterior`);
}

/** P-06: employer contribution lines, when the slip shows them (SIS, AFC employer, Ley 21.735). */
export function checkEmployerLines(ctx: CheckContext, legal: LegalDeductions): void {
  const sis = ctx.indicators.get('sisPct');
  const reform = ctx.indicators.get('employerReform');
  const expected = employerContributions({
    baseAfp: legal.baseAfp,
    baseAfc: legal.baseAfc,
    sisPct: sis?.fallback ? null : (sis?.value ?? null),
    afcEmployerPct: legal.afcRate.employer,
    reform: reform?.value ?? null,
  });
  const checks = [
    { kind: 'employer_sis' as const, code: 'SIS', label: 'SIS (empleador)', value: expected.sis, used: `${dec(sis?.value ?? 0)} % de ${clp(legal.baseAfp)}` },
    { kind: 'employer_afc' as const, code: 'AFC_EMPLEADOR', label: 'Seguro de cesantía empleador', value: expected.afcEmployer, used: `${dec(legal.afcRate.employer)} % de ${clp(legal.baseAfc)}` },
    {
      kind: 'employer_reform' as const,
      code: 'REFORMA',
      label: 'Cotización empleador Ley 21.735',
      value: expected.reformTotal,
      used: `${dec(reform?.value.totalPct ?? 0)} % de ${clp(legal.baseAfp)}`,
    },
  ];
  for (const check of checks) {
    const found = foundAmount(ctx, check.kind);
    if (found === null) continue;
    if (check.value === null) {
      note(ctx, 'info', 'P-06', `${check.label}: tasa del período no confirmada; no se verificó`);
      continue;
    }
    const report = lineReport({ code: codeOf(ctx, check.kind, check.code), rule: 'P-06', label: check.label, expected: check.value, found, indicator_used: check.used });
    ctx.reports.push(report);
    if (report.status === 'error') note(ctx, 'error', 'P-06', `${check.label}: esperado ${clp(check.value)}, encontrado ${clp(found)}`);
  }
}

/** P-10: líquido and the haberes/descuentos subtotals against the slip's own non-subtotal worker lines. */
export function checkTotals(ctx: CheckContext): void {
  const worker = ctx.lines.filter(isWorkerLine);
  const haberes = worker.filter((l) => l.amount > 0).reduce((s, l) => s + l.amount, 0);
  const descuentos = -worker.filter((l) => l.amount < 0).reduce((s, l) => s + l.amount, 0);
  const net = haberes - descuentos;
  const subtotal = (kind: 'total_haberes' | 'total_descuentos', label: string, expected: number) => {
    const line = ctx.lines.find((l) => l.kind === kind);
    if (!line) return;
    const report = lineReport({ code: line.line.code, rule: 'P-10', label, expected, found: Math.abs(line.amount), indicator_used: 'suma de líneas (sin subtotales)' });
    ctx.reports.push(report);
    if (report.status === 'error') note(ctx, 'error', 'P-10', `${label}: suma de líneas ${clp(expected)}, informado ${clp(Math.abs(line.amount))}`);
  };
  subtotal('total_haberes', 'Total haberes', haberes);
  subtotal('total_descuentos', 'Total descuentos', descuentos);
  const netLine = ctx.lines.find((l) => l.kind === 'net');
  const found = netLine ? netLine.amount : ctx.input.total_liquido !== undefined ? Math.round(ctx.input.total_liquido) : null;
  if (net < 0) note(ctx, 'error', 'P-10', `El líquido calculado es negativo (${clp(net)})`);
  if (found === null) return;
  const report = lineReport({
    code: netLine?.line.code ?? 'total_liquido',
    rule: 'P-10',
    label: 'Alcance líquido',
    expected: net,
    found,
    indicator_used: `haberes ${clp(haberes)} − descuentos ${clp(descuentos)}`,
  });
  ctx.reports.push(report);
  if (report.status === 'error') note(ctx, 'error', 'P-10', `Líquido: haberes − descuentos = ${clp(net)}, informado ${clp(found)}`);
}
