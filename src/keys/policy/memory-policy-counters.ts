import type { AdmitOutcome, AdmitPlan, PolicyCounters, SettlePlan } from './policy-counters';

interface Budget {
  spent: number;
  leases: Map<string, { amount: number; expiresAt: number }>;
  expiresAt: number;
}

/** Process-memory PolicyCounters: one replica without Redis, and the fallback while Redis is unreachable. */
export class MemoryPolicyCounters implements PolicyCounters {
  private readonly windows = new Map<string, { value: number; expiresAt: number }>();
  private readonly budgets = new Map<string, Budget>();
  /** Calls in flight per key: lease id → when it lapses. */
  private readonly parallel = new Map<string, Map<string, number>>();

  constructor(private readonly now: () => number = Date.now) {}

  async admit(plan: AdmitPlan): Promise<AdmitOutcome> {
    const { rate } = plan;
    if (rate) {
      const rpm = this.window(rate.rpmKey);
      const tpm = this.window(rate.tpmKey);
      if (rate.rpmLimit && rpm && rpm.value + 1 > rate.rpmLimit) return { ok: false, refusedBy: 'rpm', retryInMs: rpm.expiresAt - this.now() };
      if (rate.tpmLimit && tpm && tpm.value > 0 && tpm.value + rate.tokens > rate.tpmLimit) return { ok: false, refusedBy: 'tpm', retryInMs: tpm.expiresAt - this.now() };
    }
    const slots = plan.parallel ? this.slots(plan.parallel.key, plan.nowMs) : undefined;
    if (plan.parallel && slots && slots.size >= plan.parallel.limit) return { ok: false, refusedBy: 'parallel', inFlight: slots.size };
    const budgets = plan.budgets.map((b) => this.budget(b.key, b.ttlMs));
    for (const [index, budget] of budgets.entries()) {
      let reserved = 0;
      for (const [id, lease] of budget.leases) {
        if (lease.expiresAt <= plan.nowMs) budget.leases.delete(id);
        else reserved += lease.amount;
      }
      const limit = plan.budgets[index].limitNanos;
      if (budget.spent >= limit || budget.spent + reserved + plan.estimateNanos > limit) return { ok: false, refusedBy: 'budget', index, spentNanos: budget.spent, reservedNanos: reserved };
    }
    if (rate?.rpmLimit) this.add(rate.rpmKey, 1, rate.windowMs);
    if (rate?.tpmLimit) this.add(rate.tpmKey, rate.tokens, rate.windowMs);
    for (const budget of budgets) budget.leases.set(plan.leaseId, { amount: plan.estimateNanos, expiresAt: plan.leaseExpiresAt });
    if (plan.parallel && slots) {
      slots.set(plan.leaseId, plan.parallel.expiresAt);
      this.parallel.set(plan.parallel.key, slots);
    }
    return { ok: true };
  }

  async settle(plan: SettlePlan): Promise<number[]> {
    const tpm = plan.tpmKey ? this.window(plan.tpmKey) : undefined;
    if (tpm) tpm.value = Math.max(0, tpm.value + plan.tokenDelta);
    if (plan.parallelKey) {
      const slots = this.parallel.get(plan.parallelKey);
      slots?.delete(plan.leaseId);
      if (slots?.size === 0) this.parallel.delete(plan.parallelKey);
    }
    return plan.budgets.map((b) => {
      const budget = this.budget(b.key, b.ttlMs);
      budget.leases.delete(plan.leaseId);
      budget.spent += plan.costNanos;
      return budget.spent;
    });
  }

  async spent(keys: string[]): Promise<number[]> {
    return keys.map((key) => {
      const budget = this.budgets.get(key);
      return budget && budget.expiresAt > this.now() ? budget.spent : 0;
    });
  }

  /** A key's live slots, lapsed ones dropped. */
  private slots(key: string, nowMs: number): Map<string, number> {
    const slots = this.parallel.get(key) ?? new Map<string, number>();
    for (const [id, expiresAt] of slots) if (expiresAt <= nowMs) slots.delete(id);
    return slots;
  }

  private window(key: string) {
    const window = this.windows.get(key);
    if (window && window.expiresAt <= this.now()) {
      this.windows.delete(key);
      return undefined;
    }
    return window;
  }

  private add(key: string, by: number, ttlMs: number): void {
    const window = this.window(key);
    if (window) window.value += by;
    else this.windows.set(key, { value: by, expiresAt: this.now() + ttlMs });
    if (this.windows.size > 10_000) for (const k of this.windows.keys()) this.window(k);
  }

  private budget(key: string, ttlMs: number): Budget {
    let budget = this.budgets.get(key);
    if (!budget || budget.expiresAt <= this.now()) {
      budget = { spent: 0, leases: new Map(), expiresAt: this.now() + ttlMs };
      this.budgets.set(key, budget);
    }
    return budget;
  }
}
