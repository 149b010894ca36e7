/**
 * Shared key-value state (sessions, locks, caches, breaker state). Backed by Redis when REDIS_URL is set
 * (shared by all replicas) and by process memory otherwise; when Redis is configured but unreachable,
 * calls fall back to process memory so requests keep being served (degraded).
 */
export abstract class KvStore {
  abstract get(key: string): Promise<string | null>;
  /** Sets a value; ttlMs > 0 gives it an expiry. */
  abstract set(key: string, value: string, ttlMs?: number): Promise<void>;
  /** Sets only when absent (a lock); true when this call set it. */
  abstract setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  abstract del(key: string): Promise<void>;
  /** Deletes the key only when it still holds `value` (releasing one's own lock). */
  abstract delIfEquals(key: string, value: string): Promise<boolean>;
  /** Renews the expiry; false when the key does not exist. */
  abstract expire(key: string, ttlMs: number): Promise<boolean>;
  /** Remaining time to live in ms; -1 without expiry, -2 when absent. */
  abstract ttlMs(key: string): Promise<number>;
  abstract incrBy(key: string, by: number, ttlMs?: number): Promise<number>;
  /** Publishes a message to every replica (memory mode: this process only). */
  abstract publish(channel: string, message: string): Promise<void>;
  abstract subscribe(channel: string, handler: (message: string) => void): Promise<void>;
  /** 'redis' | 'memory' | 'degraded' (Redis configured but unreachable). */
  abstract mode(): 'redis' | 'memory' | 'degraded';
}
