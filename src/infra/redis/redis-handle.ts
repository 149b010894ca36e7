import type Redis from 'ioredis';

/** The Redis clients when REDIS_URL is configured (null otherwise); stores and limiters build on it. */
export class RedisHandle {
  constructor(
    readonly client: Redis | null,
    readonly subscriber: Redis | null,
  ) {}

  get configured(): boolean {
    return this.client !== null;
  }

  /** 'memory' without Redis, 'redis' when connected, 'degraded' when configured but unreachable. */
  mode(): 'memory' | 'redis' | 'degraded' {
    if (!this.client) return 'memory';
    return this.client.status === 'ready' ? 'redis' : 'degraded';
  }

  /** Round-trip time of a PING in ms, or null when Redis is unavailable or not configured. */
  async ping(): Promise<number | null> {
    if (!this.client || this.client.status !== 'ready') return null;
    const started = performance.now();
    try {
      await this.client.ping();
      return Math.round((performance.now() - started) * 100) / 100;
    } catch {
      return null;
    }
  }

  async close(): Promise<void> {
    for (const c of [this.client, this.subscriber]) {
      if (c) await c.quit().catch(() => c.disconnect());
    }
  }
}
