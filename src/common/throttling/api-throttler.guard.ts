import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { IS_PUBLIC, type Caller } from 'src/common/auth';

/** Throttles per API key (by name) and route; anonymous callers are tracked by IP. */
@Injectable()
export class ApiThrottlerGuard extends ThrottlerGuard {
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
