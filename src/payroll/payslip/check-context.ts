import { ClassifiedLine, LineKind } from './line-classifier';
import { IndicatorContext } from './indicator-context';
import { PayslipInput } from './payslip-input';
import { Finding, LineReport } from './validation-result';

/** Everything a check reads, and where it writes its line reports and findings. */
export interface CheckContext {
  input: PayslipInput;
  lines: ClassifiedLine[];
  indicators: IndicatorContext;
  imponible: number;
  reports: LineReport[];
  findings: Finding[];
}

/** Adds a finding. */
export function note(ctx: CheckContext, severity: Finding['severity'], rule: string, message: string): void {
  ctx.findings.push({ severity, rule, message });
}

/** Lines of one kind (or of any of several). */
export function linesOf(ctx: CheckContext, kind: LineKind | readonly LineKind[]): ClassifiedLine[] {
  const kinds: readonly LineKind[] = typeof kind === 'string' ? [kind] : kind;
  return ctx.lines.filter((l) => kinds.includes(l.kind));
}

/** Absolute sum of the lines of one kind or several (deductions arrive negative), or null when the slip has none. */
export function foundAmount(ctx: CheckContext, kind: LineKind | readonly LineKind[]): number | null {
  const lines = linesOf(ctx, kind);
  return lines.length === 0 ? null : Math.abs(lines.reduce((sum, l) => sum + l.amount, 0));
}

/** The slip's code for a kind (joined when split over several lines), or the canonical code. */
export function codeOf(ctx: CheckContext, kind: LineKind | readonly LineKind[], fallback: string): string {
  const codes = linesOf(ctx, kind).map((l) => l.line.code);
  return codes.length > 0 ? codes.join('+') : fallback;
}
