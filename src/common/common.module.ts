import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { ApiKeyGuard, AuthFailureLimiter } from './auth';
import { AllExceptionsFilter, createValidationPipe } from './errors';
import { ApiThrottlerGuard, ThrottlingModule } from './throttling';

/**
 * Global guards (auth, then throttling), the validation pipe and the one error filter. The guards and the filter
 * are providers of their own too, so the routes served directly (src/common/http/direct-routes.ts) use the same instances.
 */
@Module({
  imports: [ThrottlingModule],
  providers: [
    AuthFailureLimiter,
    ApiKeyGuard,
    ApiThrottlerGuard,
    AllExceptionsFilter,
    { provide: APP_GUARD, useExisting: ApiKeyGuard },
    { provide: APP_GUARD, useExisting: ApiThrottlerGuard },
    { provide: APP_PIPE, useFactory: createValidationPipe },
    { provide: APP_FILTER, useExisting: AllExceptionsFilter },
  ],
  exports: [ApiKeyGuard, ApiThrottlerGuard, AllExceptionsFilter],
})
export class CommonModule {}
