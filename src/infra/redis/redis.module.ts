import { Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { Gauge, register } from 'prom-client';
import { AppConfig } from 'src/config';
import { KvStore } from './kv-store';
import { MemoryKvStore } from './memory-kv-store';
import { createRedisClient } from './redis-connection';
import { RedisHandle } from './redis-handle';
import { RedisKvStore } from './redis-kv-store';
import { StoreClock } from './store-clock';

/** kv_memory_entries / kv_memory_bytes: what the in-process store holds (read at each scrape). */
function reportSize(store: MemoryKvStore): void {
  for (const [name, help, pick] of [
    ['kv_memory_entries', 'Entries in the in-process store (no REDIS_URL)', (s: MemoryKvStore) => s.size().entries],
    ['kv_memory_bytes', 'Approximate bytes held by the in-process store (no REDIS_URL)', (s: MemoryKvStore) => s.size().bytes],
  ] as const) {
    register.removeSingleMetric(name);
    new Gauge({
      name,
      help,
      collect() {
        this.set(pick(store));
      },
    });
  }
}

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
      useFactory: (handle: RedisHandle, config: AppConfig, clock: StoreClock) => {
        if (handle.client && handle.subscriber) return new RedisKvStore(handle.client, handle.subscriber, config.redis.keyPrefix);
        const store = new MemoryKvStore(() => clock.now().getTime(), config.redis.memoryStore);
        reportSize(store);
        return store;
      },
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
