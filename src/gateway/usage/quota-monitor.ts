import type { KvStore } from 'src/infra/redis';
import type { ProviderLimits } from '../catalog/model-catalog';
import type { QuotaAlertEvent } from '../gateway.events';
import type { LimitWindow } from '../resilience/provider-rate-limiter';

const LEVELS: [number, QuotaAlertEvent['level']][] = [
  [0.95, 'critical'],
  [0.8, 'warning'],
];
const LOWEST_THRESHOLD = Math.min(...LEVELS.map(([threshold]) => threshold));
const WINDOWS: LimitWindow[] = ['rpm', 'tpm', 'rpd'];

/**
 * Turns window usage into quota alerts: a warning at 80 % and a critical alert at 95 %, each once per
 * window (deduplicated across replicas through the KvStore), and keeps the latest alerts for the admin view.
 */
export class QuotaMonitor {
  readonly recent: QuotaAlertEvent[] = [];
  /** provider:window:level → the window index already claimed (by this replica or another), so it is asked once per window. */
  private readonly claimed = new Map<string, number>();

  constructor(
    private readonly kv: KvStore,
    private readonly windowMs: { minute: number; day: number },
    private readonly emit: (alert: QuotaAlertEvent) => void,
    private readonly now: () => number = Date.now,
    private readonly gauge: (provider: string, window: LimitWindow, utilization: number) => void = () => undefined,
  ) {}

  /**
   * Notes each window's utilization; only when one has crossed 80 % does it return the (asynchronous) work of
   * announcing it, so the usual request costs no promise.
   */
  observe(provider: string, used: Record<LimitWindow, number>, limits: ProviderLimits): Promise<void> | undefined {
    let crossed = false;
    for (const window of WINDOWS) {
      const limit = limits[window];
      const utilization = limit > 0 ? used[window] / limit : 0;
      this.gauge(provider, window, Math.min(utilization, 1));
      if (utilization >= LOWEST_THRESHOLD) crossed = true;
    }
    return crossed ? this.announce(provider, used, limits) : undefined;
  }

  private async announce(provider: string, used: Record<LimitWindow, number>, limits: ProviderLimits): Promise<void> {
    for (const window of WINDOWS) {
      const limit = limits[window];
      const utilization = limit > 0 ? used[window] / limit : 0;
      if (utilization < LOWEST_THRESHOLD) continue;
      const length = window === 'rpd' ? this.windowMs.day : this.windowMs.minute;
      const index = Math.floor(this.now() / length);
      // Emit every level crossed and not yet announced for this window (80 % and 95 % each once).
      for (const [threshold, name] of LEVELS.filter(([t]) => utilization >= t).reverse()) {
        const slot = `${provider}:${window}:${name}`;
        if (this.claimed.get(slot) === index) continue;
        const first = await this.kv.setIfAbsent(`quota-alert:${provider}:${window}:${index}:${name}`, '1', length * 2);
        this.claimed.set(slot, index);
        if (!first) continue;
        const alert: QuotaAlertEvent = {
          provider,
          window,
          level: name,
          utilization,
          used: used[window],
          limit,
          createdAt: new Date(this.now()),
          message: `${provider} ${window.toUpperCase()} at ${Math.round(utilization * 100)}% of ${limit} (threshold ${Math.round(threshold * 100)}%)`,
        };
        this.recent.unshift(alert);
        this.recent.length = Math.min(this.recent.length, 100);
        this.emit(alert);
      }
    }
  }
}
