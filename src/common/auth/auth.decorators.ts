import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Caller } from './caller';

export const IS_PUBLIC = 'auth:public';
export const IS_ADMIN = 'auth:admin';

/** The route needs no key (health, metrics, docs). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** The route needs the admin key. */
export const AdminOnly = () => SetMetadata(IS_ADMIN, true);

/** Injects the authenticated Caller resolved by ApiKeyGuard. */
export const CurrentCaller = createParamDecorator((_: unknown, ctx: ExecutionContext): Caller => {
  return ctx.switchToHttp().getRequest<{ caller: Caller }>().caller;
});
