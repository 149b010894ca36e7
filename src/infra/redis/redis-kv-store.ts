import type Redis from 'ioredis';
import { KvStore } from './kv-store';
import { MemoryKvStore } from './memory-kv-store';
import { defineScript } from './redis-script';

const DEL_IF_EQUALS = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;
const INCR_WITH_TTL = `local v = redis.call('INCRBY', KEYS[1], ARGV[1]) if tonumber(ARGV[2]) > 0 and redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return v`;

/**
 * Redis-backed KvStore shared by all replicas. While Redis is unreachable every call is served by the
 * process-memory fallback (degraded: per-replica state) so requests keep being answered.
 */
export class RedisKvStore extends KvStore {
  private readonly fallback = new MemoryKvStore();
  private readonly handlers = new Map<string, ((message: string) => void)[]>();
  private readonly delIfEqualsScript;
  private readonly incrWithTtlScript;

  /** Keys are prefixed by the client's own `keyPrefix`; pub/sub channels are not, so they get `channelPrefix` here. */
  constructor(
    private readonly client: Redis,
    private readonly subscriber: Redis,
    private readonly channelPrefix = '',
  ) {
    super();
    this.delIfEqualsScript = defineScript(client, 'kvDelIfEquals', DEL_IF_EQUALS, 1);
    this.incrWithTtlScript = defineScript(client, 'kvIncrWithTtl', INCR_WITH_TTL, 1);
    this.subscriber.on('message', (channel: string, message: string) => {
      for (const handler of this.handlers.get(channel.slice(this.channelPrefix.length)) ?? []) handler(message);
    });
    this.subscriber.on('ready', () => {
      const channels = [...this.handlers.keys()].map((c) => this.channelPrefix + c);
      if (channels.length) void this.subscriber.subscribe(...channels).catch(() => undefined);
    });
  }

  private ready(): boolean {
    return this.client.status === 'ready';
  }

  private async run<T>(viaRedis: () => Promise<T>, viaMemory: () => Promise<T>): Promise<T> {
    if (!this.ready()) return viaMemory();
    try {
      return await viaRedis();
    } catch {
      return viaMemory();
    }
  }

  get(key: string) {
    return this.run(
      () => this.client.get(key),
      () => this.fallback.get(key),
    );
  }

  set(key: string, value: string, ttlMs = 0) {
    return this.run(
      async () => {
        if (ttlMs > 0) await this.client.set(key, value, 'PX', ttlMs);
        else await this.client.set(key, value);
      },
      () => this.fallback.set(key, value, ttlMs),
    );
  }

  setIfAbsent(key: string, value: string, ttlMs: number) {
    return this.run(
      async () => (await this.client.set(key, value, 'PX', ttlMs, 'NX')) === 'OK',
      () => this.fallback.setIfAbsent(key, value, ttlMs),
    );
  }

  del(key: string) {
    return this.run(
      async () => void (await this.client.del(key)),
      () => this.fallback.del(key),
    );
  }

  delIfEquals(key: string, value: string) {
    return this.run(
      async () => (await this.delIfEqualsScript(key, value)) === 1,
      () => this.fallback.delIfEquals(key, value),
    );
  }

  expire(key: string, ttlMs: number) {
    return this.run(
      async () => (await this.client.pexpire(key, ttlMs)) === 1,
      () => this.fallback.expire(key, ttlMs),
    );
  }

  ttlMs(key: string) {
    return this.run(
      () => this.client.pttl(key),
      () => this.fallback.ttlMs(key),
    );
  }

  incrBy(key: string, by: number, ttlMs = 0) {
    return this.run(
      async () => Number(await this.incrWithTtlScript(key, by, ttlMs)),
      () => this.fallback.incrBy(key, by, ttlMs),
    );
  }

  async publish(channel: string, message: string): Promise<void> {
    await this.run(
      async () => void (await this.client.publish(this.channelPrefix + channel, message)),
      () => this.fallback.publish(channel, message),
    );
  }

  async subscribe(channel: string, handler: (message: string) => void): Promise<void> {
    const list = this.handlers.get(channel) ?? [];
    list.push(handler);
    this.handlers.set(channel, list);
    await this.fallback.subscribe(channel, handler);
    if (this.subscriber.status === 'ready') await this.subscriber.subscribe(this.channelPrefix + channel).catch(() => undefined);
  }

  mode(): 'redis' | 'degraded' {
    return this.ready() ? 'redis' : 'degraded';
  }
}
