import { ThrottlerStorage } from '@nestjs/throttler';
import { ThrottlerStorageService } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import { defineScript, RedisHandle, type RedisScript } from 'src/infra/redis';

/**
 * HTTP throttling counters in Redis (one limit across replicas), or in memory without Redis. While a
 * configured Redis is unreachable, counting continues per replica instead of failing requests.
 * The Redis side runs @nest-lab/throttler-storage-redis's script (same keys and answers) as EVALSHA: the
 * library sends its whole text with every request.
 */
export class ResilientThrottlerStorage implements ThrottlerStorage {
  private readonly memory = new ThrottlerStorageService();
  private readonly hit?: RedisScript;

  constructor(private readonly handle: RedisHandle) {
    if (handle.client) this.hit = defineScript(handle.client, 'throttlerHit', new ThrottlerStorageRedisService(handle.client).scriptSrc, 2);
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, name: string): Promise<ThrottlerStorageRecord> {
    if (this.hit && this.handle.mode() === 'redis') {
      try {
        const [totalHits, timeToExpire, isBlocked, timeToBlockExpire] = (await this.hit(`{${key}:${name}}:hits`, `{${key}:${name}}:blocked`, name, ttl, limit, blockDuration)) as number[];
        return { totalHits, timeToExpire: Math.ceil(timeToExpire / 1000), isBlocked: isBlocked === 1, timeToBlockExpire: Math.ceil(timeToBlockExpire / 1000) };
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
