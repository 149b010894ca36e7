import { Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from 'src/config';
import { KvStore } from './kv-store';
import { MemoryKvStore } from './memory-kv-store';
import { createRedisClient, waitReady } from './redis-connection';
import { RedisHandle } from './redis-handle';
import { RedisKvStore } from './redis-kv-store';
import { StoreClock } from './store-clock';

/** Shared state: Redis when REDIS_URL is set, process memory otherwise (one replica only). */
@Global()
@Module({
  providers: [
    {
      provide: RedisHandle,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => {
        if (!config.redis.url) return new RedisHandle(null, null);
        const logger = new Logger('Redis');
        const { url, keyPrefix } = config.redis;
        return new RedisHandle(createRedisClient(url, 'main', logger, keyPrefix, true), createRedisClient(url, 'pubsub', logger, keyPrefix));
      },
    },
    StoreClock,
    {
      provide: KvStore,
      inject: [RedisHandle, AppConfig, StoreClock],
      useFactory: (handle: RedisHandle, config: AppConfig, clock: StoreClock) =>
        handle.client && handle.subscriber ? new RedisKvStore(handle.client, handle.subscriber, config.redis.keyPrefix) : new MemoryKvStore(() => clock.now().getTime()),
    },
  ],
  exports: [RedisHandle, KvStore, StoreClock],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(RedisHandle) private readonly handle: RedisHandle) {}

  async onApplicationShutdown(): Promise<void> {
    await this.handle.close();
  }
}
