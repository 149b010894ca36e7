/** Public surface of the DTE domain core; the Nest controller/service import from here. */
export { validateDte, recommendationFor, confidenceFor } from './dte-validator';
export type { DteRecommendation, DteValidationResult, ValidateDteOptions } from './dte-validator';
export { buildReviewPrompt, parseLlmReview, mergeReview, offlineReviewAnswer, REVIEW_SYSTEM_PROMPT } from './llm-review';
export type { LlmReview, MergedReview, ReviewPrompt } from './llm-review';
export { toReceptionRecommendation } from './reception-vocabulary';
export type { ReceptionRecommendation } from './reception-vocabulary';
export { matchPurchaseOrders } from './matching/po-matcher';
export type { MatchDteInput, PendingPoInput, PoMatchResult } from './matching/po-matcher';
export { suggestProject } from './matching/project-suggester';
export type { ProjectSuggestion, SuggestProjectInput } from './matching/project-suggester';
export { normalizeDte } from './normalize/normalize-dte';
export type { NormalizedDte } from './normalize/normalized-dte';
export { DTE_RULES } from './rules/index';
export type { DteRule, Finding, RuleContext, Severity } from './rules/rule';
export { isValidRut, normalizeRut, parseRut, rutCheckDigit } from './rut';
export * from './dto/index';
