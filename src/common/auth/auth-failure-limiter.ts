import { Injectable } from '@nestjs/common';
import { AppConfig } from 'src/config';
import { KvStore } from 'src/infra/redis';

interface Known {
  failures: Promise<number>;
  /** The count once read (until then, the one read before): a request checked against it needs no await. */
  count?: number;
  readAt: number;
}

const MAX_REMEMBERED_ADDRESSES = 10_000;

/**
 * Counts wrong keys per client address, shared by the replicas. Once an address has failed
 * AUTH_FAILURE_LIMIT times in AUTH_FAILURE_WINDOW_MS, every key it presents is refused until the window ends,
 * so guessing gains nothing from the answer.
 * A wrong key is counted and judged in one exact step on every replica. A right key is checked against the count
 * this replica last read, re-read at most once per LIMIT_LEASE_MS, so most requests cost no round trip; the price
 * is that a right key from an address another replica has just blocked may pass here for up to that long (and
 * one read of Redis more: a stale count answers while it is read again).
 */
@Injectable()
export class AuthFailureLimiter {
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly rereadMs: number;
  private readonly known = new Map<string, Known>();

  constructor(
    private readonly store: KvStore,
    config: AppConfig,
  ) {
    ({ failureLimit: this.limit, failureWindowMs: this.windowMs } = config.auth);
    this.rereadMs = config.redis.limitLeaseMs;
  }

  /**
   * Milliseconds until the address may present keys again; 0 when it may now. Answered at once from the count this
   * replica last read while it is below the limit; a count older than LIMIT_LEASE_MS is read again for the requests
   * that come after (concurrent requests share one read), so none waits for Redis once the address is known.
   */
  blockedForMs(address: string): number | Promise<number> {
    const now = Date.now();
    let known = this.known.get(address);
    if (!known || now - known.readAt >= this.rereadMs) known = this.remember(address, this.read(address), now, known?.count);
    if (known.count !== undefined && known.count < this.limit) return 0;
    return this.blockedAfter(address, known.failures);
  }

  private async blockedAfter(address: string, failures: Promise<number>): Promise<number> {
    return (await failures) < this.limit ? 0 : this.msLeft(address);
  }

  /** Counts a wrong key; milliseconds the address is now blocked for when it has gone past the limit, else 0. */
  async recordFailure(address: string): Promise<number> {
    const failures = await this.remember(address, this.store.incrBy(this.key(address), 1, this.windowMs), Date.now()).failures;
    return failures > this.limit ? this.msLeft(address) : 0;
  }

  private async read(address: string): Promise<number> {
    return Number((await this.store.get(this.key(address))) ?? 0);
  }

  private async msLeft(address: string): Promise<number> {
    const left = await this.store.ttlMs(this.key(address));
    return left > 0 ? left : this.windowMs;
  }

  /** Keeps a read of the count for LIMIT_LEASE_MS; until it arrives, the count read before it (`previous`) stands. */
  private remember(address: string, failures: Promise<number>, readAt: number, previous?: number): Known {
    if (this.rereadMs <= 0) return { failures, readAt };
    const known: Known = { failures, readAt, count: previous };
    if (this.known.size >= MAX_REMEMBERED_ADDRESSES) this.known.clear();
    this.known.set(address, known);
    failures.then(
      (count) => (known.count = count),
      // A failed read is not remembered: the next request reads again.
      () => this.known.get(address) === known && this.known.delete(address),
    );
    return known;
  }

  private key(address: string): string {
    return `auth-failures:${address}`;
  }
}
