import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { AppConfig } from 'src/config';
import { ModelCatalog, type ProviderLimits } from '../catalog/model-catalog';
import { GatewayEvent } from '../gateway.events';
import { isCallerFault, isRetryable, ProviderCall, ProviderError, toProviderError } from '../providers/provider';
import type { RequestRun } from '../request-run';
import type { RouteTarget } from '../routing/router';
import { QuotaMonitor } from '../usage/quota-monitor';
import { GatewayClock } from '../gateway-clock';
import { DeploymentBalancer } from '../routing/deployment-balancer';
import { retryDelay, sleep } from './backoff';
import { SharedCircuitBreakers } from './circuit-breaker';
import { type LimitCheck, ProviderRateLimiter } from './provider-rate-limiter';

export const SKIP_REASONS = ['breaker_open', 'rate_limited', 'quota_exhausted', 'not_configured', 'unsupported'] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

/** Why a target could not serve the request without being called. */
export class TargetSkipped extends Error {
  constructor(
    readonly reason: SkipReason,
    readonly target: RouteTarget,
    detail?: string,
  ) {
    super(detail ?? reason);
  }
}

/** The per-target gates a call passes: admission before, and the health outcome after. */
export interface TargetGate {
  /** Throws TargetSkipped when the target may not be called; synchronous when nothing needs waiting for. */
  admit(run: RequestRun, target: RouteTarget): void | Promise<void>;
  /** Admission again for a retry, without waiting. */
  readmit(run: RequestRun, target: RouteTarget): Promise<boolean>;
  succeeded(target: RouteTarget): void;
  /** Records a vendor failure; returns whether the breaker is now open. */
  failed(target: RouteTarget, error: ProviderError): Promise<boolean>;
  /** Corrects the TPM charge with the vendor's real count once the call is done (`delta` = real − estimate). */
  settled(run: RequestRun, target: RouteTarget, delta: number): void;
  /** Whether a failed call is worth retrying on this target at all. */
  readonly retries: boolean;
}

/** What a target's breaker and limits are keyed by: its deployment (one account), else its vendor. */
export function gateKey(target: RouteTarget): string {
  return target.deployment ?? target.provider;
}

/** The offline target has no breaker, limits or health: its gates never close. */
const OPEN_GATE: TargetGate = { admit: () => undefined, readmit: async () => true, succeeded: () => undefined, failed: async () => false, settled: () => undefined, retries: false };

/**
 * A vendor's gates: its shared circuit breaker and its rate limits (RPM, TPM, RPD across replicas).
 * Breaker outcomes are recorded here and nowhere else.
 */
@Injectable()
export class VendorGate implements TargetGate {
  readonly retries = true;

  constructor(
    private readonly breakers: SharedCircuitBreakers,
    private readonly limiter: ProviderRateLimiter,
    private readonly quotas: QuotaMonitor,
    private readonly catalog: ModelCatalog,
    private readonly config: AppConfig,
    private readonly clock: GatewayClock,
  ) {}

  /** At once for a closed breaker and a charge this replica's leases cover (nearly every request); else waits. */
  admit(run: RequestRun, target: RouteTarget): void | Promise<void> {
    const key = gateKey(target);
    const allowed = this.breakers.allow(key);
    if (typeof allowed !== 'boolean') return this.admitAfter(allowed, run, target);
    if (!allowed) throw new TargetSkipped('breaker_open', target);
    const limits = this.catalog.limitsFor(target.provider, target.deployment);
    if (!limits) return;
    const check = this.limiter.tryAcquireNow(key, run.estimate, limits);
    if (!check) return this.acquire(run, target, limits);
    this.charged(run, key, check, limits);
  }

  private async admitAfter(allowed: Promise<boolean>, run: RequestRun, target: RouteTarget): Promise<void> {
    if (!(await allowed)) throw new TargetSkipped('breaker_open', target);
    const limits = this.catalog.limitsFor(target.provider, target.deployment);
    if (limits) await this.acquire(run, target, limits);
  }

  private charged(run: RequestRun, key: string, check: LimitCheck, limits: ProviderLimits): void {
    run.chargedAt = check.chargedAt;
    this.quotas.observe(key, check.used, limits)?.catch(() => undefined);
  }

  private async acquire(run: RequestRun, target: RouteTarget, limits: ProviderLimits): Promise<void> {
    const key = gateKey(target);
    const waitUntil = this.clock.nowMs() + this.config.llm.rateLimitMaxWaitMs;
    for (;;) {
      const check = await this.limiter.tryAcquire(key, run.estimate, limits);
      if (check.allowed) return this.charged(run, key, check, limits);
      // A full day window will not free up soon: move on at once. Minute windows are worth a short wait.
      if (check.blockedBy === 'rpd') throw new TargetSkipped('quota_exhausted', target);
      if (this.clock.nowMs() + check.retryInMs > waitUntil) throw new TargetSkipped('rate_limited', target);
      await sleep(Math.min(check.retryInMs + 5, 1000), run.signal);
    }
  }

  async readmit(run: RequestRun, target: RouteTarget): Promise<boolean> {
    const limits = this.catalog.limitsFor(target.provider, target.deployment);
    if (!limits) return true;
    const check = await this.limiter.tryAcquire(gateKey(target), run.estimate, limits);
    if (check.allowed) run.chargedAt = check.chargedAt;
    return check.allowed;
  }

  succeeded(target: RouteTarget): void {
    this.breakers.recordSuccess(gateKey(target))?.catch(() => undefined);
  }

  settled(run: RequestRun, target: RouteTarget, delta: number): void {
    this.limiter.correctTokens(gateKey(target), delta, run.chargedAt)?.catch(() => undefined);
  }

  async failed(target: RouteTarget, error: ProviderError): Promise<boolean> {
    if (isCallerFault(error)) return false;
    if (error.kind === 'auth') {
      await this.breakers.trip(gateKey(target)).catch(() => undefined);
      return true;
    }
    return (await this.breakers.recordFailure(gateKey(target)).catch(() => 'closed')) === 'open';
  }
}

/**
 * Runs one call on one target: its gates, then the call with retries of transient failures (exponential
 * backoff with jitter, the vendor's Retry-After honoured, never past the request's deadline).
 */
@Injectable()
export class TargetPolicy {
  constructor(
    private readonly vendorGate: VendorGate,
    private readonly config: AppConfig,
    private readonly events: EventEmitter2,
    private readonly balancer: DeploymentBalancer,
    private readonly clock: GatewayClock,
  ) {}

  gateFor(target: RouteTarget): TargetGate {
    return target.provider === 'offline' ? OPEN_GATE : this.vendorGate;
  }

  callFor(run: RequestRun, target: RouteTarget): ProviderCall {
    const { options } = run;
    return {
      vendorModel: target.vendorModel,
      signal: run.signal,
      timeoutMs: Math.max(1, Math.min(this.config.llm.timeoutMs, run.deadline - this.clock.nowMs())),
      promptCaching: this.config.llm.promptCaching,
      dropUnsupported: options.dropUnsupported,
      offlineText: typeof options.offline === 'function' ? options.offline : undefined,
    };
  }

  /** Admits and calls; returns the value or throws the last ProviderError (or TargetSkipped). */
  async execute<T>(run: RequestRun, target: RouteTarget, call: (providerCall: ProviderCall) => Promise<T>): Promise<T> {
    const gate = this.gateFor(target);
    const admitting = gate.admit(run, target);
    if (admitting) await admitting;
    const maxRetries = run.options.maxRetries ?? this.config.llm.maxRetries;
    for (let retry = 0; ; retry++) {
      run.attempts += 1;
      const callStarted = performance.now();
      this.balancer.started(target.deployment);
      let latencyMs: number | undefined;
      try {
        const value = await call(this.callFor(run, target));
        latencyMs = performance.now() - callStarted;
        gate.succeeded(target);
        return value;
      } catch (raw) {
        const error = toProviderError(raw, target.provider, run.signal);
        if (!gate.retries || isCallerFault(error)) throw error;
        const open = await gate.failed(target, error);
        // One account's 429 moves the request to another deployment of the same model before any retry.
        const siblingLeft = error.kind === 'rate_limit' && run.targets.slice(run.targets.indexOf(target) + 1).some((t) => t.deployment && t.model === target.model);
        if (!isRetryable(error) || open || siblingLeft || retry >= maxRetries) throw error;
        const delay = retryDelay(retry, error.retryAfterMs, this.config.llm.retryBaseMs, this.config.llm.retryMaxMs);
        if (this.clock.nowMs() + delay >= run.deadline) throw error;
        this.events.emit(GatewayEvent.Retry, { provider: target.provider, kind: error.kind, delayMs: delay });
        await sleep(delay, run.signal).catch(() => {
          throw toProviderError(new Error('aborted'), target.provider, run.signal);
        });
        if (!(await gate.readmit(run, target))) throw error;
      } finally {
        run.vendorMs += performance.now() - callStarted;
        this.balancer.finished(target.deployment, latencyMs);
      }
    }
  }
}
