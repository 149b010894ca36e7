import type { KvStore } from 'src/infra/redis';
import { PERIOD_ADJECTIVE } from '../budget-period';
import type { BudgetRef } from './caller-policy';

/** Emitted once per budget, level and period, on whichever replica's settle crosses the threshold first. */
export const BUDGET_ALERT_EVENT = 'ai.budget.alert';

export interface BudgetAlertEvent {
  scope: BudgetRef['scope'];
  target: string;
  period: BudgetRef['period'];
  periodStart: string;
  level: 'warning' | 'critical';
  /** Spend in USD, exact to the nano-dollar. */
  spentUsd: string;
  limitUsd: string;
  utilization: number;
  message: string;
  createdAt: Date;
}

const LEVELS: [number, BudgetAlertEvent['level']][] = [
  [0.8, 'warning'],
  [0.95, 'critical'],
];

/**
 * Budget alerts at 80 % (warning) and 95 % (critical) of a budget, each once per period across replicas:
 * the first replica to claim `budget-alert:<scope>:<target>:<period>:<level>` in the shared store announces it.
 */
export class BudgetAlertMonitor {
  /** Claims already made (or lost) by this replica, so the shared store is asked once per level and period. */
  private readonly claimed = new Set<string>();

  constructor(
    private readonly kv: KvStore,
    private readonly emit: (alert: BudgetAlertEvent) => void,
    private readonly now: () => number = Date.now,
  ) {}

  async observe(budget: BudgetRef, spentNanos: number, limitNanos: number, format: (nanos: number) => string): Promise<void> {
    const utilization = limitNanos > 0 ? spentNanos / limitNanos : 0;
    for (const [threshold, level] of LEVELS) {
      if (utilization < threshold) continue;
      const slot = `${budget.scope}:${budget.target}:${budget.periodStart}:${level}`;
      if (this.claimed.has(slot)) continue;
      this.claimed.add(slot);
      if (this.claimed.size > 10_000) this.claimed.clear();
      const ttlMs = Math.max(budget.resetsAt.getTime() - this.now(), 0) + 86_400_000;
      if (!(await this.kv.setIfAbsent(`budget-alert:${slot}`, '1', ttlMs))) continue;
      const who = budget.scope === 'key' ? `API key "${budget.target}"` : `Company ${budget.target}`;
      this.emit({
        scope: budget.scope,
        target: budget.target,
        period: budget.period,
        periodStart: budget.periodStart,
        level,
        spentUsd: format(spentNanos),
        limitUsd: budget.limitUsd,
        utilization,
        createdAt: new Date(this.now()),
        message: `${who} has spent ${Math.floor(utilization * 100)}% of its ${PERIOD_ADJECTIVE[budget.period]} budget (${format(spentNanos)} of ${budget.limitUsd} USD, threshold ${threshold * 100}%)`,
      });
    }
  }
}
