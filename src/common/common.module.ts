import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { ApiKeyGuard, AuthFailureLimiter } from './auth';
import { AllExceptionsFilter, createValidationPipe } from './errors';
import { ApiThrottlerGuard, ThrottlingModule } from './throttling';

/** Global guards (auth, then throttling), the validation pipe and the one error filter. */
@Module({
  imports: [ThrottlingModule],
  providers: [
    AuthFailureLimiter,
    { provide: APP_GUARD, useClass: ApiKeyGuard },
    { provide: APP_GUARD, useClass: ApiThrottlerGuard },
    { provide: APP_PIPE, useFactory: createValidationPipe },
    { provide: APP_FILTER, useClass: AllExceptionsFilter },
  ],
})
export class CommonModule {}
