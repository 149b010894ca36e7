import { ExecutionContext, Module } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { AppConfig, RouteLimitName } from 'src/config';
import { CounterLeases, RedisHandle } from 'src/infra/redis';
import { RATE_LIMIT_NAME } from './rate-limit.decorator';
import { ResilientThrottlerStorage } from './resilient-throttler.storage';

/** @nestjs/throttler with per-route limits from configuration and Redis-shared counters. */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [AppConfig, RedisHandle],
      useFactory: (config: AppConfig, handle: RedisHandle) => {
        const reflector = new Reflector();
        const limitFor = (context: ExecutionContext) => {
          const name = reflector.getAllAndOverride<RouteLimitName>(RATE_LIMIT_NAME, [context.getHandler(), context.getClass()]) ?? 'default';
          return config.http.routeLimits[name];
        };
        return {
          throttlers: [{ name: 'default', ttl: config.http.throttleTtlMs, limit: limitFor }],
          storage: new ResilientThrottlerStorage(handle, new CounterLeases(config.redis.limitLeaseMs)),
          errorMessage: 'Rate limit exceeded for this API key and route; retry after the time in the Retry-After header',
        };
      },
    }),
  ],
})
export class ThrottlingModule {}
