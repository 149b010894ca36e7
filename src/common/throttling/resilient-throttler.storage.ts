import { ThrottlerStorage } from '@nestjs/throttler';
import { ThrottlerStorageService } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import { RedisHandle } from 'src/infra/redis';

/**
 * HTTP throttling counters in Redis (one limit across replicas), or in memory without Redis. While a
 * configured Redis is unreachable, counting continues per replica instead of failing requests.
 */
export class ResilientThrottlerStorage implements ThrottlerStorage {
  private readonly memory = new ThrottlerStorageService();
  private readonly redis?: ThrottlerStorageRedisService;

  constructor(private readonly handle: RedisHandle) {
    if (handle.client) this.redis = new ThrottlerStorageRedisService(handle.client);
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, name: string): Promise<ThrottlerStorageRecord> {
    if (this.redis && this.handle.mode() === 'redis') {
      try {
        return await this.redis.increment(key, ttl, limit, blockDuration, name);
      } catch {
        // fall through to the per-replica counter
      }
    }
    return this.memory.increment(key, ttl, limit, blockDuration, name);
  }

  onApplicationShutdown(): void {
    this.memory.onApplicationShutdown();
  }
}
