import { GatewayEvent } from './gateway.events';
import type { GatewayDeps } from './gateway-deps';
import type { LlmRequest } from './llm.types';
import { isCallerFault, isRetryable, LlmProvider, ProviderCall, ProviderError, toProviderError } from './providers/provider';
import { retryDelay, sleep } from './resilience/backoff';
import type { RouteTarget } from './routing/router';

export type SkipReason = 'breaker_open' | 'rate_limited' | 'quota_exhausted' | 'not_configured';

/** Why a target could not serve the request. */
export class TargetSkipped extends Error {
  constructor(readonly reason: SkipReason) {
    super(reason);
  }
}

/** Per-request bookkeeping shared across targets. */
export interface Attempts {
  count: number;
  /** Time spent waiting on vendor calls (the rest of a request's latency is the gateway's own overhead). */
  vendorMs: number;
}

/**
 * Runs one route target through its gates: breaker, then rate limits (waiting a bounded time for room),
 * then the call with retries of transient failures (backoff with jitter, Retry-After honoured).
 */
export class TargetExecutor {
  constructor(private readonly deps: GatewayDeps) {}

  provider(target: RouteTarget): LlmProvider {
    const provider = this.deps.providers.get(target.provider);
    if (!provider) throw new TargetSkipped('not_configured');
    return provider;
  }

  /** Passes the breaker and the rate limits, or throws TargetSkipped. */
  async admit(target: RouteTarget, tokens: number, signal: AbortSignal): Promise<void> {
    if (target.provider === 'offline') return;
    const { breakers, limiter, catalog, config, quotas } = this.deps;
    if (!(await breakers.allow(target.provider))) throw new TargetSkipped('breaker_open');
    const limits = catalog.limits[target.provider as keyof typeof catalog.limits];
    if (!limits) return;
    const waitUntil = Date.now() + config.llm.rateLimitMaxWaitMs;
    for (;;) {
      const check = await limiter.tryAcquire(target.provider, tokens, limits);
      if (check.allowed) {
        void quotas.observe(target.provider, check.used, limits).catch(() => undefined);
        return;
      }
      // A full day window will not free up soon: move on at once. Minute windows are worth a short wait.
      if (check.blockedBy === 'rpd') throw new TargetSkipped('quota_exhausted');
      if (Date.now() + check.retryInMs > waitUntil) throw new TargetSkipped('rate_limited');
      await sleep(Math.min(check.retryInMs + 5, 1000), signal);
    }
  }

  /**
   * Calls `run` with retries. Returns its value, or throws the last ProviderError (caller faults at once,
   * non-retryable and exhausted failures after recording them on the breaker).
   */
  async withRetries<T>(target: RouteTarget, signal: AbortSignal, attempts: Attempts, run: (call: ProviderCall) => Promise<T>, request: LlmRequest, tokens: number, deadline: number): Promise<T> {
    const { config, breakers, events } = this.deps;
    for (let retry = 0; ; retry++) {
      attempts.count += 1;
      const call: ProviderCall = { vendorModel: target.vendorModel, request, signal, timeoutMs: Math.max(1, Math.min(config.llm.timeoutMs, deadline - Date.now())), promptCaching: config.llm.promptCaching };
      try {
        const callStarted = performance.now();
        const value = await run(call).finally(() => (attempts.vendorMs += performance.now() - callStarted));
        if (target.provider !== 'offline') void breakers.recordSuccess(target.provider).catch(() => undefined);
        return value;
      } catch (raw) {
        const error = toProviderError(raw, target.provider, signal);
        if (target.provider === 'offline' || isCallerFault(error)) throw error;
        if (error.kind === 'auth') {
          await breakers.trip(target.provider);
          throw error;
        }
        const state = await breakers.recordFailure(target.provider);
        if (!isRetryable(error) || state === 'open' || retry >= config.llm.maxRetries) throw error;
        const delay = retryDelay(retry, error.retryAfterMs, config.llm.retryBaseMs, config.llm.retryMaxMs);
        if (Date.now() + delay >= deadline) throw error;
        events.emit(GatewayEvent.Retry, { provider: target.provider, kind: error.kind, delayMs: delay });
        await sleep(delay, signal).catch(() => {
          throw toProviderError(new Error('aborted'), target.provider, signal);
        });
        await this.reacquire(target, tokens, error);
      }
    }
  }

  /** A retry is another vendor request: it needs room in the limits too (the same estimate), without waiting. */
  private async reacquire(target: RouteTarget, tokens: number, last: ProviderError): Promise<void> {
    const limits = this.deps.catalog.limits[target.provider as keyof typeof this.deps.catalog.limits];
    if (!limits) return;
    const check = await this.deps.limiter.tryAcquire(target.provider, tokens, limits);
    if (!check.allowed) throw last;
  }
}
