import type { KvStore } from 'src/infra/redis';

export type BreakerState = 'closed' | 'open' | 'half-open';

interface SharedState {
  state: 'closed' | 'open';
  openUntil: number;
}

const CHANNEL = 'breaker:changes';

/** What replicas tell each other: a new breaker state, or whether the shared failure count is above zero. */
type BreakerMessage = { provider: string; state: SharedState } | { provider: string; failing: boolean };

/**
 * Circuit breakers per provider, shared by all replicas: the consecutive-failure count and the open state
 * live in the KvStore (Redis), and changes are broadcast so every replica's local view is current without
 * a Redis round trip per request. After the open period one trial request (across replicas) is let through.
 */
export class SharedCircuitBreakers {
  private readonly local = new Map<string, SharedState>();
  /** Providers whose shared failure count is above zero, as far as this replica has been told. */
  private readonly failing = new Set<string>();
  private readonly listeners: ((provider: string, state: BreakerState) => void)[] = [];

  constructor(
    private readonly kv: KvStore,
    private readonly options: { failureThreshold: number; openMs: number },
    private readonly now: () => number = Date.now,
  ) {}

  /** Loads the current states and subscribes to changes from other replicas. */
  async start(providers: string[]): Promise<void> {
    await this.kv.subscribe(CHANNEL, (raw) => {
      const message = JSON.parse(raw) as BreakerMessage;
      if ('state' in message) {
        if (message.state.state === 'closed') this.failing.delete(message.provider);
        this.apply(message.provider, message.state);
      } else if (message.failing) this.failing.add(message.provider);
      else this.failing.delete(message.provider);
    });
    await Promise.all(providers.map((p) => this.refresh(p)));
    await Promise.all(
      providers.map(async (p) => {
        if (Number(await this.kv.get(`breaker:${p}:failures`)) > 0) this.failing.add(p);
      }),
    );
  }

  /** Re-reads one provider's shared state (after a reconnect, or before a trial). */
  async refresh(provider: string): Promise<void> {
    const raw = await this.kv.get(`breaker:${provider}:state`);
    this.apply(provider, raw ? (JSON.parse(raw) as SharedState) : { state: 'closed', openUntil: 0 });
  }

  onChange(listener: (provider: string, state: BreakerState) => void): void {
    this.listeners.push(listener);
  }

  private apply(provider: string, state: SharedState): void {
    const before = this.state(provider);
    this.local.set(provider, state);
    const after = this.state(provider);
    if (before !== after) this.listeners.forEach((l) => l(provider, after));
  }

  state(provider: string): BreakerState {
    const s = this.local.get(provider);
    if (!s || s.state === 'closed') return 'closed';
    return this.now() < s.openUntil ? 'open' : 'half-open';
  }

  /** True when a request may go to the provider now (at once while closed or open); in half-open only one caller wins the trial. */
  allow(provider: string): boolean | Promise<boolean> {
    const state = this.state(provider);
    if (state === 'closed') return true;
    if (state === 'open') return false;
    return this.kv.setIfAbsent(`breaker:${provider}:trial`, '1', Math.max(this.options.openMs, 1000));
  }

  /**
   * A good answer closes a half-open breaker; one from a request sent before the breaker opened changes
   * nothing. While closed, a success on any replica resets the shared failure count: the replica that
   * counts a streak's first failure tells all the others, so the common path (no failures) costs no Redis
   * write. A success that lands before that message arrives (pub/sub latency, well under a millisecond on
   * one network) leaves the count as it is.
   */
  recordSuccess(provider: string): void | Promise<void> {
    const state = this.state(provider);
    if (state === 'half-open') return this.close(provider);
    if (state === 'open' || !this.failing.has(provider)) return; // the common path: nothing to tell anyone
    this.failing.delete(provider);
    return this.resetFailures(provider);
  }

  private async resetFailures(provider: string): Promise<void> {
    await this.kv.set(`breaker:${provider}:failures`, '0', this.options.openMs * 10);
    await this.kv.publish(CHANNEL, JSON.stringify({ provider, failing: false } satisfies BreakerMessage));
  }

  /** Counts a failure; opens the breaker at the threshold, or at once when a half-open trial fails. */
  async recordFailure(provider: string): Promise<BreakerState> {
    const halfOpenTrial = this.state(provider) === 'half-open';
    this.failing.add(provider);
    const failures = await this.kv.incrBy(`breaker:${provider}:failures`, 1, this.options.openMs * 10);
    if (failures === 1) await this.kv.publish(CHANNEL, JSON.stringify({ provider, failing: true } satisfies BreakerMessage));
    if (halfOpenTrial || failures >= this.options.failureThreshold) await this.open(provider);
    return this.state(provider);
  }

  /** Opens the breaker at once (e.g. the vendor refused our credentials: retrying cannot help). */
  async trip(provider: string): Promise<void> {
    this.failing.add(provider);
    await this.open(provider);
  }

  private async open(provider: string): Promise<void> {
    const state: SharedState = { state: 'open', openUntil: this.now() + this.options.openMs };
    await this.kv.set(`breaker:${provider}:state`, JSON.stringify(state));
    await this.kv.del(`breaker:${provider}:trial`);
    this.apply(provider, state);
    await this.kv.publish(CHANNEL, JSON.stringify({ provider, state } satisfies BreakerMessage));
  }

  /** Closes the breaker everywhere (after a good trial, or an operator's force-close). */
  async close(provider: string): Promise<void> {
    const state: SharedState = { state: 'closed', openUntil: 0 };
    await this.kv.set(`breaker:${provider}:state`, JSON.stringify(state));
    await this.kv.set(`breaker:${provider}:failures`, '0', this.options.openMs * 10);
    await this.kv.del(`breaker:${provider}:trial`);
    this.failing.delete(provider);
    this.apply(provider, state);
    await this.kv.publish(CHANNEL, JSON.stringify({ provider, state } satisfies BreakerMessage));
  }
}
