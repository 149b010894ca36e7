import { randomUUID } from 'node:crypto';
import type { MaybePromise } from 'src/common/async/maybe-promise';
import { currentPeriod } from '../budget-period';
import type { CompanyBudgetRecord, KeyRecord } from '../key-records';
import { modelAllowed } from '../model-patterns';
import type { BudgetAlertMonitor } from './budget-alerts';
import {
  type Admission,
  type AdmitRequest,
  BudgetExhaustedError,
  type BudgetRef,
  CallerPolicy,
  KeyParallelLimitedError,
  KeyRateLimitedError,
  ModelNotAllowedError,
  type PolicyCaller,
  type Settlement,
} from './caller-policy';
import { costToNanos, limitToNanos, nanosToUsd } from './nano-usd';
import type { AdmitPlan, BudgetPlan, PolicyCounters } from './policy-counters';

/** What the policy reads of the keys and budgets (KeyDirectory's cache). */
export interface PolicySource {
  key(name: string): KeyRecord | undefined;
  keys(): KeyRecord[];
  companyBudget(companyId: number): CompanyBudgetRecord | undefined;
  companyBudgets(): CompanyBudgetRecord[];
}

/** A budget with its spend now, for the admin view and the remaining-budget gauges. */
export interface BudgetStatus extends BudgetRef {
  spentUsd: string;
  remainingUsd: string;
}

/** At most this many budgets are reported (admin view, gauges), so label sets stay bounded. */
export const MAX_REPORTED_BUDGETS = 500;
const DAY_MS = 86_400_000;
const NOTHING_RESERVED = nanosToUsd(0);
/** A parallel slot never settled (its replica died) lapses this long after the call's own deadline. */
const PARALLEL_SLOT_MARGIN_MS = 5_000;

interface PlannedBudget {
  ref: BudgetRef;
  plan: BudgetPlan;
}

/** CallerPolicy over the cached keys and budgets and the shared counters (Redis, or memory on one replica). */
export class CallerPolicyService extends CallerPolicy {
  constructor(
    private readonly source: PolicySource,
    private readonly counters: PolicyCounters,
    private readonly alerts: BudgetAlertMonitor,
    private readonly options: { minuteMs: number; leaseMs: number },
    private readonly now: () => number = Date.now,
  ) {
    super();
  }

  allowsModel(caller: PolicyCaller, names: readonly string[]): boolean {
    const key = this.source.key(caller.keyName);
    return !key || modelAllowed(key.allowedModels, names);
  }

  restrictsModels(caller: PolicyCaller): boolean {
    return (this.source.key(caller.keyName)?.allowedModels.length ?? 0) > 0;
  }

  admit(caller: PolicyCaller, request: AdmitRequest): MaybePromise<Admission> {
    const key = this.source.key(caller.keyName);
    if (key?.allowedModels.length && !modelAllowed(key.allowedModels, [request.model, ...(request.modelAliases ?? [])]))
      return Promise.reject(new ModelNotAllowedError(key.name, request.model, key.allowedModels));
    const nowMs = this.now();
    const companyId = request.companyId ?? null;
    const tokens = Math.max(0, Math.ceil(request.estimatedTokens));
    const budgets = this.budgetsFor(key, companyId, nowMs);
    const window = Math.floor(nowMs / this.options.minuteMs);
    const limited = key && (key.rpmLimit || key.tpmLimit);
    const parallelCounter = key?.maxParallelRequests ? `kp:parallel:${key.id}` : null;
    // A caller without rate limits, a parallel limit or budgets reserves nothing: no lease, no counters, nothing to settle.
    if (!limited && !parallelCounter && budgets.length === 0)
      return { id: '', keyName: caller.keyName, companyId, estimatedTokens: tokens, reservedUsd: NOTHING_RESERVED, budgets: [], budgetCounters: [], tpmWindow: null, parallelCounter: null };
    const tpmWindow = key?.tpmLimit ? `kp:tpm:${key.id}:${window}` : null;
    const estimateNanos = costToNanos(request.estimatedCostUsd);
    const admission: Admission = {
      id: randomUUID(),
      keyName: caller.keyName,
      companyId,
      estimatedTokens: tokens,
      reservedUsd: nanosToUsd(budgets.length ? estimateNanos : 0),
      budgets: budgets.map((b) => b.ref),
      budgetCounters: budgets.map((b) => b.plan.key),
      tpmWindow,
      parallelCounter,
    };

    return this.reserve(admission, key, budgets, request, {
      leaseId: admission.id,
      rate: limited ? { rpmKey: `kp:rpm:${key.id}:${window}`, tpmKey: `kp:tpm:${key.id}:${window}`, rpmLimit: key.rpmLimit, tpmLimit: key.tpmLimit, tokens, windowMs: this.options.minuteMs } : null,
      parallel: parallelCounter ? { key: parallelCounter, limit: key!.maxParallelRequests!, expiresAt: nowMs + (request.maxDurationMs ?? this.options.leaseMs) + PARALLEL_SLOT_MARGIN_MS } : null,
      budgets: budgets.map((b) => b.plan),
      estimateNanos,
      nowMs,
      leaseExpiresAt: nowMs + this.options.leaseMs,
    });
  }

  /** Reserves the caller's estimate in the shared counters; throws the policy's error for a limit that refuses it. */
  private async reserve(admission: Admission, key: KeyRecord | undefined, budgets: PlannedBudget[], request: AdmitRequest, plan: AdmitPlan): Promise<Admission> {
    const outcome = await this.counters.admit(plan);
    if (outcome.ok) return admission;
    if (outcome.refusedBy === 'parallel') throw new KeyParallelLimitedError(key!.name, key!.maxParallelRequests!);
    if (outcome.refusedBy === 'budget') {
      const { ref } = budgets[outcome.index];
      throw new BudgetExhaustedError(Object.assign({}, ref, { spentUsd: nanosToUsd(outcome.spentNanos), reservedUsd: nanosToUsd(outcome.reservedNanos) }), request.estimatedCostUsd);
    }
    const untilWindowEnd = this.options.minuteMs - (plan.nowMs % this.options.minuteMs);
    const retryInMs = Math.max(1, Math.min(outcome.retryInMs, untilWindowEnd));
    throw new KeyRateLimitedError(key!.name, outcome.refusedBy, (outcome.refusedBy === 'rpm' ? key!.rpmLimit : key!.tpmLimit) ?? 0, Math.ceil(retryInMs / 1000));
  }

  /** Nothing to do (and no promise) for an admission that reserved nothing. */
  settle(admission: Admission, used: Settlement): void | Promise<void> {
    if (!admission.tpmWindow && !admission.parallelCounter && admission.budgets.length === 0) return;
    return this.release(admission, used);
  }

  private async release(admission: Admission, used: Settlement): Promise<void> {
    const nowMs = this.now();
    const planned = admission.budgets.map((ref, i) => ({ ref, key: admission.budgetCounters[i], ttlMs: ttlFor(ref, nowMs) }));
    const spent = await this.counters.settle({
      leaseId: admission.id,
      tpmKey: admission.tpmWindow,
      parallelKey: admission.parallelCounter,
      tokenDelta: Math.ceil(used.tokens) - admission.estimatedTokens,
      budgets: planned.map((p) => ({ key: p.key, ttlMs: p.ttlMs })),
      costNanos: costToNanos(used.costUsd),
    });
    await Promise.all(planned.map((p, i) => this.alerts.observe(p.ref, spent[i], limitToNanos(p.ref.limitUsd), nanosToUsd)));
  }

  /** Every configured budget (keys first, then companies) with its spend in the current period. */
  async statuses(): Promise<BudgetStatus[]> {
    const nowMs = this.now();
    const refs: { ref: BudgetRef; key: string }[] = [];
    for (const key of this.source.keys()) {
      const planned = key.budgetUsd && key.budgetPeriod ? this.keyBudget(key, nowMs) : undefined;
      if (planned) refs.push({ ref: planned.ref, key: planned.plan.key });
    }
    for (const budget of this.source.companyBudgets()) {
      const planned = this.companyBudget(budget, nowMs);
      refs.push({ ref: planned.ref, key: planned.plan.key });
    }
    const shown = refs.slice(0, MAX_REPORTED_BUDGETS);
    const spent = await this.counters.spent(shown.map((r) => r.key));
    return shown.map(({ ref }, i) => {
      const remaining = Math.max(0, limitToNanos(ref.limitUsd) - spent[i]);
      return Object.assign({}, ref, { spentUsd: nanosToUsd(spent[i]), remainingUsd: nanosToUsd(remaining) });
    });
  }

  private budgetsFor(key: KeyRecord | undefined, companyId: number | null, nowMs: number): PlannedBudget[] {
    const out: PlannedBudget[] = [];
    if (key?.budgetUsd && key.budgetPeriod) out.push(this.keyBudget(key, nowMs));
    const company = companyId === null ? undefined : this.source.companyBudget(companyId);
    if (company) out.push(this.companyBudget(company, nowMs));
    return out;
  }

  private keyBudget(key: KeyRecord, nowMs: number): PlannedBudget {
    const period = currentPeriod(key.budgetPeriod!, new Date(nowMs));
    const ref: BudgetRef = { scope: 'key', target: key.name, limitUsd: key.budgetUsd!, period: key.budgetPeriod!, periodStart: period.start, resetsAt: period.resetsAt };
    return { ref, plan: { key: budgetKey(ref, key.id), limitNanos: limitToNanos(ref.limitUsd), ttlMs: ttlFor(ref, nowMs) } };
  }

  private companyBudget(budget: CompanyBudgetRecord, nowMs: number): PlannedBudget {
    const period = currentPeriod(budget.period, new Date(nowMs));
    const ref: BudgetRef = { scope: 'company', target: String(budget.companyId), limitUsd: budget.limitUsd, period: budget.period, periodStart: period.start, resetsAt: period.resetsAt };
    return { ref, plan: { key: budgetKey(ref, ref.target), limitNanos: limitToNanos(ref.limitUsd), ttlMs: ttlFor(ref, nowMs) } };
  }
}

/** A key budget's counter follows the key's id, so it survives rotation; a new period or period length starts a new one. */
function budgetKey(ref: BudgetRef, id: string): string {
  return `budget:${ref.scope}:${id}:${ref.period}:${ref.periodStart}`;
}

/** Counters outlive their period by a week, so a late settle still lands and the admin view can read the last one. */
function ttlFor(ref: BudgetRef, nowMs: number): number {
  return Math.max(ref.resetsAt.getTime() - nowMs, 0) + 7 * DAY_MS;
}
