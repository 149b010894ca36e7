import { percentOf, ufToPesos } from '../calc/decimal';
import { CheckContext, codeOf, foundAmount, linesOf, note } from './check-context';
import type { LegalDeductions } from './legal-deductions';
import { clp, dec, lineReport } from './validation-result';

/** Legal weekly hours of the jornada ordinaria (Ley 21.561: 44 h from 2024-04-26, 42 h from 2026-04-26). */
export function legalWeeklyHours(period: string): number {
  if (period >= '2026-05') return 42;
  if (period >= '2024-05') return 44;
  return 45;
}

/** Days worked in the slip's month: `worked_days`, else the date_from..date_to range when it covers less than the month, else 30. */
function workedDays(ctx: CheckContext): { days: number; partial: boolean } {
  const { worked_days, date_from, date_to, period } = ctx.input;
  if (worked_days !== undefined) return { days: Math.min(worked_days, 30), partial: worked_days < 30 };
  if (!date_from || !date_to || !date_from.startsWith(period) || !date_to.startsWith(period)) return { days: 30, partial: false };
  const [year, month] = period.split('-').map(Number);
  const monthDays = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const span = Math.round((Date.parse(date_to) - Date.parse(date_from)) / 86_400_000) + 1;
  return span >= monthDays || !Number.isFinite(span) || span <= 0 ? { days: 30, partial: false } : { days: span, partial: true };
}

/**
 * P-01: the imponible against the minimum wage, prorated for a partial month (days / 30) and part-time work (weekly
 * hours / legal hours), with the reduced minimum under 18 and over 65. Below the prorated floor is an error when the
 * slip says why it is prorated; below the full minimum with no reason given is a warning (it may be part-time).
 */
export function checkMinimumWage(ctx: CheckContext): void {
  const imm = ctx.indicators.get('imm');
  if (!imm || ctx.imponible <= 0) return;
  const { age, weekly_hours, period } = ctx.input;
  const reduced = age !== undefined && (age < 18 || age > 65) ? ctx.indicators.get('immMenores18Mayores65') : null;
  const full = reduced?.value ?? imm.value;
  if (ctx.imponible >= full) return;
  const { days, partial } = workedDays(ctx);
  const legalHours = legalWeeklyHours(period);
  const hours = weekly_hours !== undefined && weekly_hours < legalHours ? weekly_hours : legalHours;
  const floor = Math.round((full * days * hours) / (30 * legalHours));
  const explained = partial || hours < legalHours || reduced !== null;
  const how = `${reduced ? 'mínimo menores de 18 / mayores de 65' : 'IMM'} ${clp(full)} × ${days}/30 días × ${dec(hours)}/${legalHours} h`;
  if (!explained) {
    note(
      ctx,
      'warning',
      'P-01',
      `Imponible ${clp(ctx.imponible)} bajo el ingreso mínimo ${clp(full)}: válido solo con jornada parcial, mes incompleto o mínimo reducido (informe weekly_hours, worked_days o age)`,
    );
  } else if (ctx.imponible < floor - 1) {
    note(ctx, 'error', 'P-01', `Imponible ${clp(ctx.imponible)} bajo el ingreso mínimo proporcional ${clp(floor)} (${how})`);
  } else {
    note(ctx, 'info', 'P-01', `Imponible ${clp(ctx.imponible)} cumple el ingreso mínimo proporcional ${clp(floor)} (${how})`);
  }
}

/** The APV régimen of the slip: the caller's field, else a code ending in A or B (APV_B, APV_REGIMEN_A), else null. */
function apvRegimen(ctx: CheckContext): 'A' | 'B' | null {
  if (ctx.input.apv_regimen) return ctx.input.apv_regimen;
  const codes = linesOf(ctx, 'apv').map((l) => l.code);
  if (codes.length > 0 && codes.every((c) => /(^|_)(REG(IMEN)?_?)?B$/.test(c))) return 'B';
  if (codes.length > 0 && codes.every((c) => /(^|_)(REG(IMEN)?_?)?A$/.test(c))) return 'A';
  return null;
}

/**
 * P-08 with APV: what the slip's APV lowers the impuesto único base by. Régimen B is deducted up to the monthly APV tope
 * (50 UF); régimen A is not (the State adds a bonus instead). An unknown régimen returns both candidates.
 */
export function apvTaxDeduction(ctx: CheckContext): { candidates: number[]; text: string } {
  const apv = foundAmount(ctx, 'apv');
  if (apv === null || apv === 0) return { candidates: [0], text: '' };
  const uf = ctx.indicators.get('uf');
  const tope = ctx.indicators.get('apvTopes');
  const cap = uf && tope ? ufToPesos(tope.value.monthlyUf, uf.value) : Number.POSITIVE_INFINITY;
  const deductible = Math.min(apv, cap);
  if (apv > cap) note(ctx, 'warning', 'P-08', `APV ${clp(apv)} supera el tope mensual de ${dec(tope!.value.monthlyUf)} UF (${clp(cap)}): solo el tope rebaja la base del impuesto`);
  const regimen = apvRegimen(ctx);
  if (regimen === 'A') return { candidates: [0], text: `; APV ${clp(apv)} régimen A (no rebaja la base)` };
  if (regimen === 'B') return { candidates: [deductible], text: ` − APV régimen B ${clp(deductible)}` };
  return { candidates: [deductible, 0], text: ` − APV ${clp(deductible)} si es régimen B (régimen no informado)` };
}

/** Basic Ley 16.744 work-accident rate (ISL, and the mutuals' base), percent of the capped imponible. */
export const ACCIDENT_BASIC_PCT = 0.93;

/** P-06 mutual/ISL: the employer's accident-insurance line at the declared rate, or at least the basic 0,93 %. */
export function checkAccidentInsurance(ctx: CheckContext, legal: LegalDeductions): void {
  const found = foundAmount(ctx, 'employer_accident');
  if (found === null) return;
  const declared = ctx.input.accident_insurance_pct;
  const code = codeOf(ctx, 'employer_accident', 'MUTUAL');
  if (declared !== undefined) {
    const expected = percentOf(legal.baseAfp, declared);
    const report = lineReport({ code, rule: 'P-06', label: 'Mutual / ISL (Ley 16.744)', expected, found, indicator_used: `${dec(declared)} % de ${clp(legal.baseAfp)}` });
    ctx.reports.push(report);
    if (report.status === 'error') note(ctx, 'error', 'P-06', `Mutual/ISL: esperado ${clp(expected)} (${dec(declared)} %), encontrado ${clp(found)}`);
    return;
  }
  const minimum = percentOf(legal.baseAfp, ACCIDENT_BASIC_PCT);
  const status = found < minimum - 1 ? 'error' : 'ok';
  ctx.reports.push(
    lineReport({
      code,
      rule: 'P-06',
      label: 'Mutual / ISL (Ley 16.744)',
      expected: minimum,
      found,
      indicator_used: `mínimo ${dec(ACCIDENT_BASIC_PCT)} % de ${clp(legal.baseAfp)}; tasa adicional no informada`,
      status,
    }),
  );
  if (status === 'error') note(ctx, 'error', 'P-06', `Mutual/ISL ${clp(found)} bajo la cotización básica ${dec(ACCIDENT_BASIC_PCT)} % (${clp(minimum)})`);
  else note(ctx, 'info', 'P-06', 'Mutual/ISL sobre la tasa básica; informe accident_insurance_pct para verificar la tasa adicional');
}

/** P-04 Fonasa/CCAF: with the employer in a CCAF, the 7 % splits into the CCAF and Fonasa shares Previred publishes. */
export function checkHealthSplit(ctx: CheckContext, legal: LegalDeductions): void {
  if (ctx.input.health?.system === 'isapre') return;
  const ccafLines = linesOf(ctx, 'health_ccaf');
  if (ccafLines.length === 0) {
    if (ctx.input.ccaf && legal.healthLegal > 0) note(ctx, 'warning', 'P-04', 'Empleador afiliado a CCAF: falta la línea CCAF con su parte del 7 % de salud');
    return;
  }
  const split = ctx.indicators.healthSplit();
  if (!split) {
    note(ctx, 'info', 'P-04', 'Distribución Fonasa/CCAF del período no publicada; solo se verificó el total del 7 %');
    return;
  }
  const ccaf = percentOf(legal.baseAfp, split.value.ccafPct);
  const fonasa = legal.healthLegal - ccaf;
  // A split only one source gives (payroll-cl.md: 2,8 % / 4,2 % from Feb-2026) cannot make a slip wrong, only doubtful.
  const singleSource = split.status === 'unofficial';
  const used = `${dec(split.value.ccafPct)} % CCAF + ${dec(split.value.fonasaPct)} % Fonasa de ${clp(legal.baseAfp)} (${split.period}, ${singleSource ? 'fuente única no confirmada: ' : ''}${split.source})`;
  for (const [kind, label, expected] of [
    ['health_ccaf', 'Salud: parte CCAF', ccaf],
    ['health', 'Salud: parte Fonasa', fonasa],
  ] as const) {
    const computed = lineReport({ code: codeOf(ctx, kind, kind === 'health' ? 'FONASA' : 'CCAF'), rule: 'P-04', label, expected, found: foundAmount(ctx, kind), indicator_used: used });
    const report = singleSource && computed.status === 'error' ? { ...computed, status: 'warning' as const } : computed;
    ctx.reports.push(report);
    if (report.status === 'error' || report.status === 'warning') note(ctx, report.status, 'P-04', `${label}: esperado ${clp(expected)}, encontrado ${clp(report.found!)} (${used})`);
  }
}
