import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { ApiKeyGuard, AuthFailureLimiter } from './auth';
import { AllExceptionsFilter, createValidationPipe } from './errors';
import { ApiThrottlerGuard, ThrottlingModule } from './throttling';

/** The global guards, in the order they run: every route's, the directly served ones' too (src/common/http/direct-routes.ts). */
export const GLOBAL_GUARDS = [ApiKeyGuard, ApiThrottlerGuard] as const;

/**
 * Global guards (auth, then throttling), the validation pipe and the one error filter. The guards and the filter
 * are providers of their own too, so the routes served directly (src/common/http/direct-routes.ts) use the same instances.
 */
@Module({
  imports: [ThrottlingModule],
  providers: [
    AuthFailureLimiter,
    ...GLOBAL_GUARDS,
    AllExceptionsFilter,
    ...GLOBAL_GUARDS.map((guard) => ({ provide: APP_GUARD, useExisting: guard })),
    { provide: APP_PIPE, useFactory: createValidationPipe },
    { provide: APP_FILTER, useExisting: AllExceptionsFilter },
  ],
  exports: [...GLOBAL_GUARDS, AllExceptionsFilter],
})
export class CommonModule {}
