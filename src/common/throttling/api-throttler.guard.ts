import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerOptions } from '@nestjs/throttler';
import { IS_PUBLIC, type Caller } from 'src/common/auth';

type ThrottlerRequestPlan = Omit<Parameters<ThrottlerGuard['handleRequest']>[0], 'context'>;

/**
 * Throttles per API key (by name) and route; anonymous callers are tracked by IP. A route's limits come from
 * configuration (`@RateLimit`), fixed while the process runs, so they are resolved once per route handler
 * instead of on every request (ThrottlerGuard re-reads eight metadata keys and awaits three resolvers per
 * request); counting and the 429 stay ThrottlerGuard's own `handleRequest`.
 */
@Injectable()
export class ApiThrottlerGuard extends ThrottlerGuard {
  private readonly plans = new WeakMap<object, ThrottlerRequestPlan[] | null>();

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const handler = context.getHandler();
    let plans = this.plans.get(handler);
    if (plans === undefined) {
      plans = (await this.shouldSkip(context)) ? null : this.throttlers.map((throttler) => this.planFor(context, throttler));
      this.plans.set(handler, plans);
    }
    for (const plan of plans ?? []) await this.handleRequest({ context, ...plan });
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
    };
  }

  protected async getTracker(req: { caller?: Caller; ip: string }): Promise<string> {
    return req.caller ? `key:${req.caller.keyName}` : `ip:${req.ip}`;
  }

  protected async shouldSkip(context: ExecutionContext): Promise<boolean> {
    // Probes and scrapes are never throttled: a probe answered 429 would restart healthy pods.
    return this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]) === true;
  }

  protected generateKey(context: ExecutionContext, suffix: string, name: string): string {
    return `throttle:${context.getClass().name}:${context.getHandler().name}:${name}:${suffix}`;
  }
}
