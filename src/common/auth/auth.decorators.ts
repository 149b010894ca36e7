import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Caller } from './caller';

export const IS_PUBLIC = 'auth:public';
export const IS_ADMIN = 'auth:admin';
export const ACTS_ON_EVERY_COMPANY = 'auth:every-company';

/** The route needs no key and is never throttled (health probes, the Prometheus scrape). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** The route needs the admin key. */
export const AdminOnly = () => SetMetadata(IS_ADMIN, true);

/** The route acts for every company at once (e.g. the SII monitor run): keys bound to companies get 403. */
export const EveryCompany = () => SetMetadata(ACTS_ON_EVERY_COMPANY, true);

/** Injects the authenticated Caller resolved by ApiKeyGuard. */
export const CurrentCaller = createParamDecorator((_: unknown, ctx: ExecutionContext): Caller => {
  return ctx.switchToHttp().getRequest<{ caller: Caller }>().caller;
});
