import { IndicatorSet } from './indicators/indicator-set';
import { monthsBetween, periodOf } from './indicators/period';
import { CheckContext, note } from './payslip/check-context';
import { IndicatorContext } from './payslip/indicator-context';
import { checkLegalDeductions } from './payslip/legal-deductions';
import { classifyLine, isImponibleHaber } from './payslip/line-classifier';
import { PayslipInput } from './payslip/payslip-input';
import { score } from './payslip/scoring';
import { checkAccidentInsurance, checkHealthSplit, checkMinimumWage } from './payslip/statutory-checks';
import { checkAsignacionFamiliar, checkEmployerLines, checkGratificacion, checkImponible, checkImpuesto, checkTotals } from './payslip/slip-checks';
import { PayslipValidationResult, clp } from './payslip/validation-result';

function periodFindings(ctx: CheckContext, now: Date): void {
  const { periodUsed, requested } = ctx.indicators;
  if (periodUsed !== requested) note(ctx, 'warning', 'P-11', `No hay indicadores para ${requested}; se usaron los de ${periodUsed}`);
  const age = monthsBetween(requested, periodOf(now));
  if (age > 12) note(ctx, 'warning', 'P-11', `Liquidación de ${requested}, hace ${age} meses`);
  const carried = ctx.indicators.usedValues().filter((used) => used.status === 'carried_forward');
  for (const used of ctx.indicators.usedValues()) {
    if (used.status === 'unofficial') note(ctx, 'info', 'P-11', `${used.key} de ${used.period} proviene de fuentes no oficiales`);
  }
  if (carried.length > 0) {
    const from = [...new Set(carried.map((used) => used.carriedFrom ?? '?'))].sort().join(', ');
    note(ctx, 'warning', 'P-11', `Indicadores de ${requested} aún no publicados; se validó con valores arrastrados de ${from}: ${carried.map((used) => used.key).join(', ')}`);
  }
}

function wageFindings(ctx: CheckContext): void {
  const { wage } = ctx.input;
  const basic = ctx.lines.filter((l) => l.kind === 'basic').reduce((s, l) => s + l.amount, 0);
  if (wage > 0 && basic > 0 && Math.abs(basic - Math.round(wage)) > 1) {
    note(ctx, 'info', 'P-01', `Sueldo base ${clp(basic)} distinto del contractual ${clp(wage)} (¿mes incompleto o ausencias?)`);
  }
  for (const guessed of ctx.lines.filter((l) => l.guessed)) {
    note(ctx, 'info', 'P-02', `Línea ${guessed.line.code} (${clp(guessed.amount)}) no reconocida; se trató como haber imponible`);
  }
}

/** Recomputes every legal line of a payslip with the period's indicators and reports expected vs found, findings and a recommendation. */
export function validatePayslip(input: PayslipInput, indicators: ReadonlyMap<string, IndicatorSet>, options: { now: Date }): PayslipValidationResult {
  const lines = input.lines.map(classifyLine);
  const ctx: CheckContext = {
    input,
    lines,
    indicators: new IndicatorContext(indicators, input.period),
    imponible: lines.filter(isImponibleHaber).reduce((s, l) => s + l.amount, 0),
    reports: [],
    findings: [],
  };
  if (ctx.indicators.periodUsed === null) {
    return { success: false, confidence: 0, errors: ['No hay indicadores previsionales cargados'], warnings: [], recommendation: 'review', lines: [], findings: [], period_used: null };
  }
  checkImponible(ctx);
  checkMinimumWage(ctx);
  checkGratificacion(ctx);
  const legal = checkLegalDeductions(ctx);
  checkHealthSplit(ctx, legal);
  checkImpuesto(ctx, legal);
  checkAsignacionFamiliar(ctx);
  checkEmployerLines(ctx, legal);
  checkAccidentInsurance(ctx, legal);
  checkTotals(ctx);
  wageFindings(ctx);
  periodFindings(ctx, options.now);
  return {
    success: true,
    ...score(ctx.findings, ctx.reports, ctx.indicators.usedValues()),
    errors: ctx.findings.filter((f) => f.severity === 'error').map((f) => f.message),
    warnings: ctx.findings.filter((f) => f.severity === 'warning').map((f) => f.message),
    lines: ctx.reports,
    findings: ctx.findings,
    period_used: ctx.indicators.periodUsed,
  };
}
