import { Global, Inject, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Gauge, register } from 'prom-client';
import { AppConfig } from 'src/config';
import { KvStore } from './kv-store';
import { MemoryKvStore } from './memory-kv-store';
import { createRedisClient, waitReady } from './redis-connection';
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

const REDIS_START_WAIT_MS = 3_000;

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
export class RedisModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(@Inject(RedisHandle) private readonly handle: RedisHandle) {}

  /**
   * Gives a reachable Redis the moment it needs to connect before the service listens, so a replica does not
   * start on per-process limits and report itself degraded. An unreachable one delays start-up by three seconds
   * at most; the service then runs degraded and reconnects by itself.
   */
  async onApplicationBootstrap(): Promise<void> {
    const clients = [this.handle.client, this.handle.subscriber].filter((c) => c !== null);
    if (clients.length === 0) return;
    const ready = await Promise.all(clients.map((c) => waitReady(c, REDIS_START_WAIT_MS)));
    if (ready.includes(false)) new Logger('Redis').warn(`Redis did not answer within ${REDIS_START_WAIT_MS} ms of start; running degraded until it does`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.handle.close();
  }
}
