/** Outcome of one recomputed line. */
export type LineStatus = 'ok' | 'error' | 'warning' | 'missing';

/** One recomputed payslip line: expected vs found in pesos, with the rule and indicator used. */
export interface LineReport {
  code: string;
  rule: string;
  label: string;
  expected: number | null;
  found: number | null;
  difference: number | null;
  indicator_used: string;
  status: LineStatus;
}

/** A structured observation about the slip; errors and warnings also appear as strings in the response. */
export interface Finding {
  severity: 'error' | 'warning' | 'info';
  rule: string;
  message: string;
}

/** Response of validatePayslip (odoo-contract.md §3.4 fields first, structured detail after). */
export interface PayslipValidationResult {
  success: boolean;
  confidence: number;
  errors: string[];
  warnings: string[];
  recommendation: 'approve' | 'review' | 'reject';
  lines: LineReport[];
  findings: Finding[];
  period_used: string | null;
}

/** Differences up to this many pesos are rounding, not errors. */
export const PESO_TOLERANCE = 1;

/** Pesos on a payslip: whole pesos, the Chilean way ($1.163.354, -$3.083). */
export { clp } from 'src/common/money/clp';

/** Formats a decimal the Chilean way: 10,58. */
export function dec(value: number): string {
  return String(value).replace('.', ',');
}

/** Builds a line report, deriving difference and an ok/error status from the tolerance unless a status is given. */
export function lineReport(fields: Omit<LineReport, 'difference' | 'status'> & { status?: LineStatus }): LineReport {
  const { expected, found } = fields;
  const difference = expected === null || found === null ? null : found - expected;
  const status = fields.status ?? (found === null ? 'missing' : difference !== null && Math.abs(difference) > PESO_TOLERANCE ? 'error' : 'ok');
  return { ...fields, difference, status };
}
