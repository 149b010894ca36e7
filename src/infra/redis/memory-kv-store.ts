import { EventEmitter } from 'node:events';
import { KvStore } from './kv-store';

interface Entry {
  value: string;
  expiresAt: number;
}

/** Bounds of the in-process store: beyond either, the least recently used entries go first. */
export interface MemoryKvLimits {
  maxEntries: number;
  maxBytes: number;
}

/** JS strings are UTF-16; a Map entry and its object cost roughly this much more. */
const ENTRY_OVERHEAD_BYTES = 80;
const sizeOf = (key: string, value: string) => (key.length + value.length) * 2 + ENTRY_OVERHEAD_BYTES;

/**
 * Process-memory KvStore: fine for one replica, and the fallback while Redis is unreachable. Bounded by
 * entries and (approximate) bytes, least recently used first out, so a burst of keys (sessions, cached
 * answers, locks) cannot grow the process without limit.
 */
export class MemoryKvStore extends KvStore {
  /** Map order is recency order: a read or write moves the key to the end. */
  private readonly entries = new Map<string, Entry>();
  private readonly bus = new EventEmitter();
  private sweeps = 0;
  private bytes = 0;

  constructor(
    private readonly now: () => number = Date.now,
    private readonly limits: MemoryKvLimits = { maxEntries: 100_000, maxBytes: 64 * 1024 * 1024 },
  ) {
    super();
    this.bus.setMaxListeners(0);
  }

  /** Entries and approximate bytes held (for metrics). */
  size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= sizeOf(key, entry.value);
  }

  private store(key: string, entry: Entry): void {
    this.remove(key);
    this.entries.set(key, entry);
    this.bytes += sizeOf(key, entry.value);
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.limits.maxEntries && this.bytes <= this.limits.maxBytes) break;
      this.remove(oldest);
    }
  }

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt > 0 && entry.expiresAt <= this.now()) {
      this.remove(key);
      return undefined;
    }
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  private sweep(): void {
    if (++this.sweeps % 1000 !== 0) return;
    const now = this.now();
    for (const [key, entry] of [...this.entries]) if (entry.expiresAt > 0 && entry.expiresAt <= now) this.remove(key);
  }

  async get(key: string): Promise<string | null> {
    return this.live(key)?.value ?? null;
  }

  async set(key: string, value: string, ttlMs = 0): Promise<void> {
    this.sweep();
    this.store(key, { value, expiresAt: ttlMs > 0 ? this.now() + ttlMs : 0 });
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    if (this.live(key)) return false;
    await this.set(key, value, ttlMs);
    return true;
  }

  async del(key: string): Promise<void> {
    this.remove(key);
  }

  async delIfEquals(key: string, value: string): Promise<boolean> {
    if (this.live(key)?.value !== value) return false;
    this.remove(key);
    return true;
  }

  async expire(key: string, ttlMs: number): Promise<boolean> {
    const entry = this.live(key);
    if (!entry) return false;
    entry.expiresAt = this.now() + ttlMs;
    return true;
  }

  async ttlMs(key: string): Promise<number> {
    const entry = this.live(key);
    if (!entry) return -2;
    return entry.expiresAt === 0 ? -1 : entry.expiresAt - this.now();
  }

  async incrBy(key: string, by: number, ttlMs = 0): Promise<number> {
    const entry = this.live(key);
    const next = (entry ? Number(entry.value) : 0) + by;
    if (entry) this.store(key, { value: String(next), expiresAt: entry.expiresAt });
    else await this.set(key, String(next), ttlMs);
    return next;
  }

  async publish(channel: string, message: string): Promise<void> {
    this.bus.emit(channel, message);
  }

  async subscribe(channel: string, handler: (message: string) => void): Promise<void> {
    this.bus.on(channel, handler);
  }

  mode(): 'memory' {
    return 'memory';
  }
}
