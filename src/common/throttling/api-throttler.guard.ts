import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Caller } from 'src/common/auth';
import { isPublicPath } from 'src/common/auth/public-paths';

/** Throttles per API key (by name) and route; anonymous callers are tracked by IP. */
@Injectable()
export class ApiThrottlerGuard extends ThrottlerGuard {
  protected async getTracker(req: { caller?: Caller; ip: string }): Promise<string> {
    return req.caller ? `key:${req.caller.keyName}` : `ip:${req.ip}`;
  }

  protected async shouldSkip(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<{ routeOptions?: { url?: string }; url: string }>();
    const path = req.routeOptions?.url ?? req.url;
    // Probes, scrapes and docs are never throttled: a probe answered 429 would restart healthy pods.
    return isPublicPath(path);
  }

  protected generateKey(context: ExecutionContext, suffix: string, name: string): string {
    return `throttle:${context.getClass().name}:${context.getHandler().name}:${name}:${suffix}`;
  }
}
