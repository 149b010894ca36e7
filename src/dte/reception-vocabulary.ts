/** The reception vocabulary of the Odoo inbox (odoo-contract.md §3.1, §4.5). */
import type { DteRecommendation } from './dte-validator';

export type ReceptionRecommendation = 'accept' | 'review' | 'reject';

/**
 * Maps the API's send/review/reject onto accept/review/reject. The existing addon already maps send→accept itself,
 * so the API keeps `recommendation` as send/review/reject and adds `reception_recommendation` with this value.
 */
export function toReceptionRecommendation(recommendation: DteRecommendation): ReceptionRecommendation {
  if (recommendation === 'send') return 'accept';
  return recommendation;
}
