import type { Admission } from 'src/keys';
import type { CallerIdentity, ProviderId, TokenUsage } from './llm.types';
import type { RouteTarget } from './routing/router';
import { fromScaled, MONEY_SCALE, toScaled } from 'src/common/money/usd-decimal';
import { RequestAbort, type Abortable } from 'src/common/abort/abortable';

/** What a caller may set per request (headers or body fields on the doors; fields of LlmRequest inside). */
export interface RunOptions {
  /** What the call is for (`proxy.chat`, `dte.validate`...): cost reports and metrics. */
  operation: string;
  caller: CallerIdentity;
  /** The caller's correlation id (X-Request-Id); a row's identity is always the gateway's own. */
  correlationId?: string;
  signal?: Abortable;
  /** performance.now() when the request reached the service (the doors: Fastify's onRequest); the overhead metric counts from it. */
  receivedAt?: number;
  deadlineMs?: number;
  /** Models to try after the requested one, instead of the catalog's chain. */
  fallbacks?: string[];
  maxRetries?: number;
  /** Odoo's features end every chain with deterministic answers; proxy callers get an error instead. */
  offline: boolean | (() => string);
  dropUnsupported: boolean;
  cache: { enabled: boolean; ttlSeconds?: number };
  tags?: string[];
}

/**
 * One request's life: its deadline and abort signal, the targets in order, attempts so far, the target that
 * served and its outcome. Owned by the gateway service; policies read and update it, nothing else keeps state.
 */
export class RequestRun {
  readonly started = performance.now();
  readonly deadline: number;
  readonly signal: Abortable;
  attempts = 0;
  /** Time spent waiting on vendor calls (the rest of a request's latency is the gateway's own overhead). */
  vendorMs = 0;
  target?: RouteTarget;
  firstTokenAt?: number;
  /** When the serving target's limits were charged, so the TPM correction lands in that same window. */
  chargedAt?: number;
  /** The caller's reservation (budgets, TPM), settled with what the request really spent. */
  admission?: Admission;
  spentTokens = 0;
  spentUsd = '0';
  private readonly controller = new RequestAbort();
  private readonly timer: NodeJS.Timeout;
  private readonly onCallerAbort = () => this.controller.abort(this.options.signal?.reason);

  constructor(
    readonly id: string,
    readonly options: RunOptions,
    readonly targets: RouteTarget[],
    /** Input tokens estimated once, for limits and the cost ceiling. */
    readonly estimate: number,
    readonly route: string,
    now: number,
    deadlineMs: number,
  ) {
    this.deadline = now + deadlineMs;
    // One plain controller per request rather than AbortSignal.any/timeout, which allocate per call and were
    // measured leaking memory under sustained load on Node 20.
    this.timer = setTimeout(() => this.controller.abort(new DOMException('Request deadline reached', 'TimeoutError')), Math.max(1, deadlineMs));
    this.signal = this.controller;
    if (options.signal?.aborted) this.onCallerAbort();
    else options.signal?.addEventListener('abort', this.onCallerAbort, { once: true });
  }

  get callerLeft(): boolean {
    return this.options.signal?.aborted === true;
  }

  get usedFallback(): boolean {
    return this.target !== undefined && this.target !== this.targets[0];
  }

  /** Adds what one target call cost to what the caller is charged. */
  spend(usage: TokenUsage, costUsd: string): void {
    this.spentTokens += usage.input + usage.output + usage.cacheRead + usage.cacheWrite;
    this.spentUsd = this.spentUsd === '0' ? costUsd : addUsd(this.spentUsd, costUsd); // one call per request, mostly: nothing to add
  }

  latencyMs(): number {
    return Math.round(performance.now() - this.started);
  }

  /** Time spent in the gateway so far outside vendor calls, from the request's arrival when the door noted it. */
  overheadMs(): number {
    return performance.now() - (this.options.receivedAt ?? this.started) - this.vendorMs;
  }

  /** Aborts what the request still has under way (its vendor call), as when its caller leaves. */
  stop(reason: Error): void {
    this.controller.abort(reason);
  }

  /** Clears the deadline timer and the caller-abort listener. */
  dispose(): void {
    clearTimeout(this.timer);
    this.options.signal?.removeEventListener('abort', this.onCallerAbort);
  }
}

function addUsd(a: string, b: string): string {
  return fromScaled(toScaled(a, MONEY_SCALE) + toScaled(b, MONEY_SCALE), MONEY_SCALE);
}

/** What one target produced, as the usage row and the events need it. */
export interface TargetOutcome {
  provider: ProviderId | 'cache';
  model: string;
  usage: TokenUsage;
  costUsd: string;
  unpriced: boolean;
}
