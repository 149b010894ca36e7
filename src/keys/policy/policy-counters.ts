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

/** A key's calls in flight: one lease each, dropped at settle or, if never settled (its replica died), at `expiresAt`. */
export interface ParallelPlan {
  key: string;
  limit: number;
  expiresAt: number;
}

export interface AdmitPlan {
  leaseId: string;
  rate: RatePlan | null;
  parallel: ParallelPlan | null;
  budgets: BudgetPlan[];
  estimateNanos: number;
  nowMs: number;
  leaseExpiresAt: number;
}

export type AdmitOutcome =
  | { ok: true }
  | { ok: false; refusedBy: 'rpm' | 'tpm'; retryInMs: number }
  | { ok: false; refusedBy: 'parallel'; inFlight: number }
  | { ok: false; refusedBy: 'budget'; index: number; spentNanos: number; reservedNanos: number };

export interface SettlePlan {
  leaseId: string;
  tpmKey: string | null;
  parallelKey: string | null;
  tokenDelta: number;
  budgets: { key: string; ttlMs: number }[];
  costNanos: number;
}

/**
 * The shared counters behind CallerPolicy. admit checks every window, the calls in flight and every budget and,
 * only when all have room, charges the windows, takes a slot and reserves the estimate from each budget, in one
 * atomic step; settle frees the slot, drops the reservation and adds the exact cost, returning each budget's new spend.
 */
export interface PolicyCounters {
  admit(plan: AdmitPlan): Promise<AdmitOutcome>;
  settle(plan: SettlePlan): Promise<number[]>;
  /** Spend of each budget counter in nano-USD (0 when absent). */
  spent(keys: string[]): Promise<number[]>;
}
