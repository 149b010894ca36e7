import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { createHash, timingSafeEqual } from 'node:crypto';
import { AppConfig } from 'src/config';
import { IS_ADMIN, IS_PUBLIC } from './auth.decorators';
import type { Caller } from './caller';
import { isPublicPath } from './public-paths';

interface KeyDigest {
  digest: Buffer;
  caller: Caller;
}

const digest = (key: string) => createHash('sha256').update(key).digest();

/**
 * Bearer-key authentication as the Odoo addons send it: 401 without a key, 403 with a wrong one.
 * Keys are compared as SHA-256 digests with timingSafeEqual, against every configured key.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly keys: KeyDigest[];
  private readonly admin?: KeyDigest;

  constructor(
    private readonly reflector: Reflector,
    config: AppConfig,
  ) {
    this.keys = config.auth.keys.map((k) => ({ digest: digest(k.key), caller: { keyName: k.name, companies: k.companies, isAdmin: false } }));
    if (config.auth.adminKey) this.admin = { digest: digest(config.auth.adminKey), caller: { keyName: 'admin', companies: null, isAdmin: true } };
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; url: string; caller?: Caller; routeOptions?: { url?: string } }>();
    const handlers = [context.getHandler(), context.getClass()];
    const path = request.routeOptions?.url ?? request.url.split('?')[0];
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, handlers) || isPublicPath(path);
    const presented = this.bearer(request.headers.authorization);
    const caller = presented === undefined ? undefined : this.identify(presented);
    if (caller) request.caller = caller;
    if (isPublic) return true;

    if (presented === undefined) throw new UnauthorizedException('Missing API key: send the header "Authorization: Bearer <key>"');
    if (!caller) throw new ForbiddenException('Invalid API key');
    if (this.reflector.getAllAndOverride<boolean>(IS_ADMIN, handlers) && !caller.isAdmin) {
      throw new ForbiddenException('This route needs the admin key (ADMIN_API_KEY)');
    }
    return true;
  }

  private bearer(header: string | undefined): string | undefined {
    if (!header) return undefined;
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    return match ? match[1] : '';
  }

  private identify(key: string): Caller | undefined {
    const presented = digest(key);
    let found: Caller | undefined;
    // Compare against every key so the time taken does not reveal which one matched.
    for (const candidate of [...this.keys, ...(this.admin ? [this.admin] : [])]) {
      if (timingSafeEqual(candidate.digest, presented) && !found) found = candidate.caller;
    }
    return found;
  }
}
