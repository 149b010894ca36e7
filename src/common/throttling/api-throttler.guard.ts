import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerOptions } from '@nestjs/throttler';
import { IS_PUBLIC, type Caller } from 'src/common/auth';
import { ResilientThrottlerStorage } from './resilient-throttler.storage';

type ThrottlerRequestPlan = Omit<Parameters<ThrottlerGuard['handleRequest']>[0], 'context'> & {
  /** Whether the tracker is this guard's own (trackerOf), which needs no await; a configured one is awaited. */
  ownTracker: boolean;
  /** The storage key of each tracker seen on this route (built once, not per request); bounded. */
  keys: Map<string, string>;
  /** ThrottlerGuard's header names for this throttler. */
  headers: { limit: string; remaining: string; reset: string } | null;
};

const MAX_KEYS_PER_ROUTE = 10_000;

/** The X-RateLimit headers ThrottlerGuard.handleRequest sets for a throttler of this name. */
function headerNames(prefix: string, name: string) {
  const suffix = name === 'default' ? '' : `-${name}`;
  return { limit: `${prefix}-Limit${suffix}`, remaining: `${prefix}-Remaining${suffix}`, reset: `${prefix}-Reset${suffix}` };
}

/** Per API key (by name), or per address for anonymous callers. */
function trackerOf(req: { caller?: Caller; ip: string }): string {
  return req.caller ? `key:${req.caller.keyName}` : `ip:${req.ip}`;
}

/**
 * Throttles per API key (by name) and route; anonymous callers are tracked by IP. A route's limits come from
 * configuration (`@RateLimit`), fixed while the process runs, so they are resolved once per route handler
 * instead of on every request (ThrottlerGuard re-reads eight metadata keys and awaits three resolvers per
 * request). A hit this replica can count from a lease (ResilientThrottlerStorage.incrementNow) is counted at once;
 * any other, and every 429, goes through ThrottlerGuard's own `handleRequest`.
 */
@Injectable()
export class ApiThrottlerGuard extends ThrottlerGuard {
  private readonly plans = new WeakMap<object, ThrottlerRequestPlan[] | null>();

  // A boolean at once when every hit was counted from a lease (nearly every request); Nest's guard consumer and the
  // direct routes take either, though ThrottlerGuard declares a Promise.
  canActivate(context: ExecutionContext): Promise<boolean> {
    return this.activate(context) as Promise<boolean>;
  }

  private activate(context: ExecutionContext): boolean | Promise<boolean> {
    const plans = this.plans.get(context.getHandler());
    if (plans === undefined) return this.planAndCount(context);
    if (plans === null) return true;
    for (let i = 0; i < plans.length; i++) if (!this.countedNow(context, plans[i])) return this.countFrom(context, plans, i);
    return true;
  }

  private async planAndCount(context: ExecutionContext): Promise<boolean> {
    const plans = (await this.shouldSkip(context)) ? null : this.throttlers.map((throttler) => this.planFor(context, throttler));
    this.plans.set(context.getHandler(), plans);
    return this.countFrom(context, plans ?? [], 0);
  }

  private async countFrom(context: ExecutionContext, plans: ThrottlerRequestPlan[], first: number): Promise<boolean> {
    for (let i = first; i < plans.length; i++) await this.handleRequest({ context, ...plans[i] });
    return true;
  }

  /**
   * Counts a hit without waiting when the storage can (a lease this replica holds), setting ThrottlerGuard's
   * X-RateLimit headers as its handleRequest does; false leaves the hit to handleRequest (a round trip, a refusal,
   * user agents to ignore, a tracker that must be awaited).
   */
  private countedNow(context: ExecutionContext, plan: ThrottlerRequestPlan): boolean {
    if (!(this.storageService instanceof ResilientThrottlerStorage) || (plan.throttler.ignoreUserAgents ?? this.commonOptions.ignoreUserAgents)) return false;
    if (!plan.ownTracker) return false;
    // Request and reply are an HTTP context's first two arguments (getRequestResponse goes through switchToHttp(), which builds three closures a call).
    const req = context.getArgByIndex<Record<string, unknown>>(0);
    const res = context.getArgByIndex<Record<string, unknown>>(1);
    const tracker = trackerOf(req as { caller?: Caller; ip: string });
    const name = plan.throttler.name!;
    let key = plan.keys.get(tracker);
    if (key === undefined) {
      if (plan.keys.size >= MAX_KEYS_PER_ROUTE) plan.keys.clear();
      plan.keys.set(tracker, (key = plan.generateKey(context, tracker, name)));
    }
    const record = this.storageService.incrementNow(key, plan.limit, name);
    if (!record || record.isBlocked) return false;
    if (plan.headers) {
      this.setResponseHeader(res, plan.headers.limit, plan.limit);
      this.setResponseHeader(res, plan.headers.remaining, Math.max(0, plan.limit - record.totalHits));
      this.setResponseHeader(res, plan.headers.reset, record.timeToExpire);
    }
    return true;
  }

  private planFor(context: ExecutionContext, throttler: ThrottlerOptions): ThrottlerRequestPlan {
    const resolve = (value: unknown) => Number(typeof value === 'function' ? (value as (c: ExecutionContext) => unknown)(context) : value);
    const ttl = resolve(throttler.ttl);
    return {
      throttler,
      limit: resolve(throttler.limit),
      ttl,
      blockDuration: throttler.blockDuration === undefined ? ttl : resolve(throttler.blockDuration),
      getTracker: throttler.getTracker ?? this.commonOptions.getTracker!,
      generateKey: throttler.generateKey ?? this.commonOptions.generateKey!,
      ownTracker: !throttler.getTracker && (Array.isArray(this.options) || !this.options.getTracker),
      keys: new Map(),
      headers: (throttler.setHeaders ?? this.commonOptions.setHeaders ?? true) ? headerNames(this.headerPrefix, throttler.name!) : null,
    };
  }

  protected async getTracker(req: { caller?: Caller; ip: string }): Promise<string> {
    return trackerOf(req);
  }

  protected async shouldSkip(context: ExecutionContext): Promise<boolean> {
    // Probes and scrapes are never throttled: a probe answered 429 would restart healthy pods.
    return this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]) === true;
  }

  protected generateKey(context: ExecutionContext, suffix: string, name: string): string {
    return `throttle:${context.getClass().name}:${context.getHandler().name}:${name}:${suffix}`;
  }
}
