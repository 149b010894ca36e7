/** Provider health rules for the admin overview; pure. */

export type BreakerView = 'closed' | 'open' | 'half-open';
export type ProviderState = 'healthy' | 'degraded' | 'down';

/** Error rate above which a provider counts as degraded. */
export const DEGRADED_ERROR_RATE = 0.2;

/** open breaker → down; half-open breaker or error rate above 20 % → degraded; otherwise healthy. */
export function providerState(breaker: BreakerView, errorRate: number): ProviderState {
  if (breaker === 'open') return 'down';
  if (breaker === 'half-open' || errorRate > DEGRADED_ERROR_RATE) return 'degraded';
  return 'healthy';
}

/** failures / requests, 0 without requests. */
export function errorRate(requests: number, failures: number): number {
  return requests > 0 ? failures / requests : 0;
}

/** used / limit, 0 when there is no limit. */
export function utilization(used: number, limit: number): number {
  return limit > 0 ? used / limit : 0;
}
