import { UsedIndicator } from './indicator-context';
import { Finding, LineReport, PayslipValidationResult } from './validation-result';

/** Confidence 0-100 that the slip is right, and the addon recommendation (any error → reject; >3 warnings → review). */
export function score(findings: Finding[], lines: LineReport[], used: UsedIndicator[]): Pick<PayslipValidationResult, 'confidence' | 'recommendation'> {
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  const missing = lines.filter((l) => l.status === 'missing').length;
  const unofficial = used.filter((u) => u.status !== 'confirmed' || u.fallback).length;
  const checked = lines.filter((l) => l.status === 'ok').length;
  let confidence = 100 - 30 * errors - 7 * warnings - 3 * missing - 2 * Math.min(unofficial, 3) - (checked < 3 ? 10 : 0);
  const recommendation = errors > 0 ? 'reject' : warnings > 3 ? 'review' : 'approve';
  if (recommendation === 'reject') confidence = Math.min(confidence, 40);
  if (recommendation === 'review') confidence = Math.min(confidence, 79);
  return { confidence: Math.max(0, Math.round(confidence * 10) / 10), recommendation };
}
