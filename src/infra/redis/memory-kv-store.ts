import { EventEmitter } from 'node:events';
import { KvStore } from './kv-store';

interface Entry {
  value: string;
  expiresAt: number;
}

/** Process-memory KvStore: fine for one replica, and the fallback while Redis is unreachable. */
export class MemoryKvStore extends KvStore {
  private readonly entries = new Map<string, Entry>();
  private readonly bus = new EventEmitter();
  private sweeps = 0;

  constructor(private readonly now: () => number = Date.now) {
    super();
    this.bus.setMaxListeners(0);
  }

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt > 0 && entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private sweep(): void {
    if (++this.sweeps % 1000 !== 0) return;
    for (const key of this.entries.keys()) this.live(key);
  }

  async get(key: string): Promise<string | null> {
    return this.live(key)?.value ?? null;
  }

  async set(key: string, value: string, ttlMs = 0): Promise<void> {
    this.sweep();
    this.entries.set(key, { value, expiresAt: ttlMs > 0 ? this.now() + ttlMs : 0 });
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    if (this.live(key)) return false;
    await this.set(key, value, ttlMs);
    return true;
  }

  async del(key: string): Promise<void> {
    this.entries.delete(key);
  }

  async delIfEquals(key: string, value: string): Promise<boolean> {
    if (this.live(key)?.value !== value) return false;
    this.entries.delete(key);
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
    if (entry) entry.value = String(next);
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
