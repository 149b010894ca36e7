/** A key's RPM/TPM windows for one admission (counter keys carry the window index). */
export interface RatePlan {
  rpmKey: string;
  tpmKey: string;
  rpmLimit: number | null;
  tpmLimit: number | null;
  tokens: number;
  windowMs: number;
}

/** One budget's counter: `spent` plus the live reservations, in nano-USD. */
export interface BudgetPlan {
  key: string;
  limitNanos: number;
  /** Time to live of the counter: past the period's end, so a late settle still lands. */
  ttlMs: number;
}

export interface AdmitPlan {
  leaseId: string;
  rate: RatePlan | null;
  budgets: BudgetPlan[];
  estimateNanos: number;
  nowMs: number;
  leaseExpiresAt: number;
}

export type AdmitOutcome = { ok: true } | { ok: false; refusedBy: 'rpm' | 'tpm'; retryInMs: number } | { ok: false; refusedBy: 'budget'; index: number; spentNanos: number; reservedNanos: number };

export interface SettlePlan {
  leaseId: string;
  tpmKey: string | null;
  tokenDelta: number;
  budgets: { key: string; ttlMs: number }[];
  costNanos: number;
}

/**
 * The shared counters behind CallerPolicy. admit checks every window and budget and, only when all have
 * room, charges the windows and reserves the estimate from each budget, in one atomic step; settle drops
 * the reservation and adds the exact cost, returning each budget's new spend.
 */
export interface PolicyCounters {
  admit(plan: AdmitPlan): Promise<AdmitOutcome>;
  settle(plan: SettlePlan): Promise<number[]>;
  /** Spend of each budget counter in nano-USD (0 when absent). */
  spent(keys: string[]): Promise<number[]>;
}
