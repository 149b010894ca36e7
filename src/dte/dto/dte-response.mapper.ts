/** Maps a validation (or merged review) result onto the wire response the addon reads. */
import type { DteValidationResult } from '../dte-validator';
import type { MergedReview } from '../llm-review';
import { toReceptionRecommendation } from '../reception-vocabulary';
import type { ValidateDteResponseDto } from './validate-dte-response.dto';

/** Builds the response body; `recommendation` stays send/review/reject and `reception_recommendation` carries accept/review/reject. */
export function toValidateDteResponse(result: DteValidationResult | MergedReview): Omit<ValidateDteResponseDto, 'llm_used' | 'degraded'> {
  return {
    confidence: result.confidence,
    warnings: result.warnings,
    errors: result.errors,
    recommendation: result.recommendation,
    reception_recommendation: toReceptionRecommendation(result.recommendation),
    findings: result.findings,
    rules_run: result.rulesRun,
    rules_skipped: result.rulesSkipped.map(({ ruleId, title, missing }) => ({ rule_id: ruleId, title, missing })),
    unknown_keys: result.unknownKeys,
    form: result.form,
    reviewed_by: 'reviewedBy' in result ? result.reviewedBy : ['rules'],
  };
}
