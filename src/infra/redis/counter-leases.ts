interface Lease {
  /** Units this replica has charged in Redis but not yet handed to a request. */
  left: number;
  /** The shared count as this replica last read it, less what it still holds, plus what it has handed out since: seen + left never passes that count. */
  seen: number;
  expiresAt: number;
  /** What the latest grant for this window brought: a top-up is asked for once a quarter of it is left. */
  grant: number;
}

interface Rate {
  bucketStart: number;
  current: number;
  previous: number;
  /** A lease for this series is being charged: requests that find the lease empty wait for it instead of asking again. */
  asking?: { settled: Promise<void>; settle: () => void };
  /** Requests that waited for the lease being asked for, and for the one before: the next lease covers them too. */
  waiting: number;
  waitedLastTime: number;
}

const RATE_BUCKET_MS = 1000;
/** A lease covers at least this many requests like the current one, so a quiet replica does not ask on every request. */
const MIN_LEASED_REQUESTS = 4;
/** Of the room left in a window, the most one lease may take, so replicas near a limit fall back to exact checks. */
export const LEASE_SHARE_OF_ROOM = 0.25;
/** A lease is topped up in the background once this share of its latest grant is left (see `runLow`). */
const TOP_UP_WHEN_LEFT = 0.25;

/**
 * Per-replica leases on counters shared through Redis. When a replica charges a window with its atomic script, it
 * may charge a little more than the request needs (a lease sized to its own last `spanMs` of traffic or four requests
 * like this one, whichever is more, and never more than a quarter of the room left); the next requests of that window are then admitted from the
 * lease with no round trip. Before a lease runs out (a quarter of its latest grant left) the replica charges the next
 * one in the background, so steady traffic does not wait for Redis when a lease ends. The shared count can never
 * pass the limit, because every unit was charged by the script that checks it; the price is that a replica's unused
 * lease counts as used until its window ends (at most 1.25 × `spanMs` of that replica's own traffic: a top-up's grant
 * on what is left of the last), and that near the limit leases shrink to nothing and every request takes the exact
 * path again.
 */
export class CounterLeases {
  private readonly leases = new Map<string, Lease>();
  private readonly rates = new Map<string, Rate>();

  constructor(
    private readonly spanMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxEntries = 10_000,
  ) {}

  /** Hands out `amounts[i]` of each `keys[i]` from this replica's leases, all or nothing; the counts as known after. */
  take(keys: readonly string[], amounts: readonly number[]): number[] | undefined {
    if (this.spanMs <= 0) return undefined;
    const now = this.now();
    for (let i = 0; i < keys.length; i++) {
      const lease = this.leases.get(keys[i]);
      if (!lease || lease.expiresAt <= now || lease.left < amounts[i]) return undefined;
    }
    const counts = new Array<number>(keys.length);
    for (let i = 0; i < keys.length; i++) {
      const lease = this.leases.get(keys[i])!;
      lease.left -= amounts[i];
      lease.seen += amounts[i];
      counts[i] = lease.seen;
    }
    return counts;
  }

  /** `take` of one key: the count as known after, or undefined when its lease cannot cover `amount`. */
  takeOne(key: string, amount: number): number | undefined {
    if (this.spanMs <= 0) return undefined;
    const lease = this.leases.get(key);
    if (!lease || lease.expiresAt <= this.now() || lease.left < amount) return undefined;
    lease.left -= amount;
    lease.seen += amount;
    return lease.seen;
  }

  /**
   * How much beyond the request to ask for on `series` (a counter's name without its window): its recent rate × span,
   * or 0 while another request of this replica is already asking. Report the answer with `granted` or `refused`.
   */
  wanted(series: string, amount: number): number {
    if (this.spanMs <= 0) return 0;
    const rate = this.track(series, amount);
    if (rate.asking) return 0;
    let settle = () => {};
    const settled = new Promise<void>((resolve) => (settle = resolve));
    rate.asking = { settled, settle };
    const byRate = Math.ceil((Math.max(rate.previous, rate.current) * this.spanMs) / RATE_BUCKET_MS);
    return Math.max(byRate, amount * Math.max(MIN_LEASED_REQUESTS, 2 * rate.waitedLastTime));
  }

  /**
   * Whether the leases of `keys` (of `series`, in order) should be topped up now: one holds a quarter or less of its
   * latest grant and its window does not end within the span, and no lease is being asked for on any of `series`.
   * The caller then asks with `wanted` (in place of `noteUse`: the request's amounts count toward the rate there),
   * charges only leases, and reports with `granted` or `refused`.
   */
  runLow(series: readonly string[], keys: readonly string[]): boolean {
    let low = false;
    for (let i = 0; i < keys.length && !low; i++) {
      const lease = this.leases.get(keys[i]);
      low = !!lease && lease.grant > 0 && lease.left <= lease.grant * TOP_UP_WHEN_LEFT && lease.expiresAt - this.now() > this.spanMs;
    }
    return low && series.every((name) => !this.rates.get(name)?.asking);
  }

  /** Counts `amount` toward the rate of `series` when the request was served from a lease (no `wanted` call). */
  noteUse(series: string, amount: number): void {
    if (this.spanMs > 0) this.track(series, amount);
  }

  private track(series: string, amount: number): Rate {
    const now = this.now();
    let rate = this.rates.get(series);
    if (!rate) {
      if (this.rates.size >= this.maxEntries) this.rates.clear();
      rate = { bucketStart: now, current: 0, previous: 0, waiting: 0, waitedLastTime: 0 };
      this.rates.set(series, rate);
    }
    if (now - rate.bucketStart >= RATE_BUCKET_MS) {
      rate.previous = now - rate.bucketStart >= 2 * RATE_BUCKET_MS ? 0 : rate.current;
      rate.current = 0;
      rate.bucketStart = now;
    }
    rate.current += amount;
    return rate;
  }

  /** The exact check that asked for a lease on `series` refused the request or failed: no lease came of it (what is still held stays). */
  refused(series: string): void {
    this.settle(series);
  }

  /** Resolves when the lease being asked for on any of `series` has come (or not); undefined when none is being asked for. */
  inFlight(series: readonly string[]): Promise<void> | undefined {
    let settled: Promise<void> | undefined;
    for (const name of series) {
      const rate = this.rates.get(name);
      if (!rate?.asking) continue;
      rate.waiting++;
      settled ??= rate.asking.settled;
    }
    return settled;
  }

  private settle(series: string): void {
    const rate = this.rates.get(series);
    if (!rate?.asking) return;
    rate.asking.settle();
    rate.asking = undefined;
    rate.waitedLastTime = rate.waiting;
    rate.waiting = 0;
  }

  /** Records what the script granted beyond the request (added to any lease still held); `total` is the shared count it returned, lease included. */
  granted(series: string, key: string, extra: number, total: number, expiresAt: number): void {
    this.settle(series);
    const held = this.leases.get(key);
    if (held && held.expiresAt > this.now()) {
      held.left += Math.max(0, extra);
      held.seen = total - held.left;
      held.grant = Math.max(0, extra);
      return;
    }
    if (extra <= 0) {
      this.leases.delete(key);
      return;
    }
    if (this.leases.size >= this.maxEntries) this.prune();
    this.leases.set(key, { left: extra, seen: total - extra, expiresAt, grant: extra });
  }

  /**
   * Applies a correction (real usage minus the estimate) to the lease of its window: more usage spends the lease,
   * less returns the difference to it. Spending past the lease leaves a debt (a negative lease) that lends nothing
   * and is charged to the shared count with this replica's next exact check of the window. Returns the whole
   * correction when no lease of that window is held, for the caller to charge in Redis.
   */
  adjust(series: string, key: string, delta: number): number {
    if (delta > 0) this.noteUse(series, delta);
    const lease = this.leases.get(key);
    if (!lease || lease.expiresAt <= this.now()) return delta;
    lease.left -= delta;
    lease.seen += delta;
    return 0;
  }

  /** Gives up what is held of each key, debts included (for an exact check to settle with the shared count first). */
  surrender(keys: readonly string[]): number[] {
    return keys.map((key) => {
      const lease = this.leases.get(key);
      if (!lease || lease.expiresAt <= this.now()) return 0;
      const held = lease.left;
      lease.left = 0;
      return held;
    });
  }

  /** What this replica holds of `key` (charged, not handed out; negative for a debt of corrections not yet charged). */
  held(key: string): number {
    const lease = this.leases.get(key);
    return lease && lease.expiresAt > this.now() ? lease.left : 0;
  }

  /** When the window of `key`'s lease ends; undefined without a lease. */
  expiry(key: string): number | undefined {
    return this.leases.get(key)?.expiresAt;
  }

  drop(key: string): void {
    this.leases.delete(key);
  }

  private prune(): void {
    const now = this.now();
    for (const [key, lease] of this.leases) if (lease.expiresAt <= now) this.leases.delete(key);
    if (this.leases.size >= this.maxEntries) this.leases.clear();
  }
}
