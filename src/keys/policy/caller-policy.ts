import { HttpException, HttpStatus } from '@nestjs/common';
import { PERIOD_ADJECTIVE, type BudgetPeriod } from '../budget-period';
import type { MaybePromise } from 'src/common/async/maybe-promise';

/** Who is calling, as the gateway knows it: the key's name (env or managed; names are unique). */
export interface PolicyCaller {
  keyName: string;
}

/** What the gateway is about to do. */
export interface AdmitRequest {
  /** The model as requested (catalog id, `provider/model`, …). */
  model: string;
  /** Other names of the same model (catalog id, `provider/model`, the vendor's id): an allow-list entry may name any of them. */
  modelAliases?: string[];
  /** The Odoo company the call is for; its budget applies too. */
  companyId?: number | null;
  /** Input estimate plus the output cap, charged to the key's TPM window now and corrected at settle. */
  estimatedTokens: number;
  /** Worst-case cost in USD (exact decimal text), reserved from every budget until settle. */
  estimatedCostUsd: string;
  /** The longest the call may last (its deadline): a slot among the key's parallel requests that is never settled frees itself then. */
  maxDurationMs?: number;
}

/** One budget a call counts against. */
export interface BudgetRef {
  scope: 'key' | 'company';
  /** Key name or company id. */
  target: string;
  limitUsd: string;
  period: BudgetPeriod;
  periodStart: string;
  resetsAt: Date;
}

/** A call let through: pass it back to `settle` once, whatever the outcome. */
export interface Admission {
  /** The reservation's lease ('' when the caller has no rate limits or budgets, so nothing was reserved). */
  readonly id: string;
  readonly keyName: string;
  readonly companyId: number | null;
  readonly estimatedTokens: number;
  readonly reservedUsd: string;
  readonly budgets: readonly BudgetRef[];
  /** The shared counter of each budget, in the same order (internal to the policy). */
  readonly budgetCounters: readonly string[];
  /** The key's TPM window the estimate went to (null when the key has no TPM limit). */
  readonly tpmWindow: string | null;
  /** The key's counter of calls in flight this call holds a slot in (null when the key has no parallel limit). */
  readonly parallelCounter: string | null;
}

/** What the call really used; costUsd is exact decimal text ("0" for a failed call that cost nothing). */
export interface Settlement {
  tokens: number;
  costUsd: string;
}

/** Base of the three refusals; `code` is stable for programs (the OpenAI front door's `error.code`). */
export abstract class CallerPolicyError extends HttpException {
  abstract readonly code: 'model_not_allowed' | 'key_rate_limited' | 'key_parallel_limited' | 'budget_exhausted';
}

/** 403: the key's allow-list does not cover the model. Not retryable. */
export class ModelNotAllowedError extends CallerPolicyError {
  readonly code = 'model_not_allowed';
  constructor(
    readonly keyName: string,
    readonly model: string,
    allowed: readonly string[],
  ) {
    super({ message: `API key "${keyName}" may not use model "${model}": allowed are ${allowed.join(', ')}`, code: 'model_not_allowed', model }, HttpStatus.FORBIDDEN);
  }
}

/** 429: the key's own RPM or TPM window is full; retry after `retryAfterSeconds` (send it as Retry-After). */
export class KeyRateLimitedError extends CallerPolicyError {
  readonly code = 'key_rate_limited';
  constructor(
    readonly keyName: string,
    readonly limit: 'rpm' | 'tpm',
    readonly limitValue: number,
    readonly retryAfterSeconds: number,
  ) {
    super(
      { message: `API key "${keyName}" is over its ${limit.toUpperCase()} limit of ${limitValue}: retry in ${retryAfterSeconds} s`, code: 'key_rate_limited', limit, retryAfterSeconds },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

/** 429: the key already has `limit` calls in flight on all replicas together; retry once one ends (Retry-After: 1). */
export class KeyParallelLimitedError extends CallerPolicyError {
  readonly code = 'key_parallel_limited';
  readonly retryAfterSeconds = 1;
  constructor(
    readonly keyName: string,
    readonly limit: number,
  ) {
    super(
      { message: `API key "${keyName}" already has ${limit} requests in flight, its limit (maxParallelRequests): retry when one ends`, code: 'key_parallel_limited', limit, retryAfterSeconds: 1 },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

/**
 * 429: a budget is spent (or the call's reservation would overrun it) until `budget.resetsAt`. Odoo's own
 * features answer with their deterministic (offline) result instead of raising this.
 */
export class BudgetExhaustedError extends CallerPolicyError {
  readonly code = 'budget_exhausted';
  constructor(
    readonly budget: BudgetRef & { spentUsd: string; reservedUsd: string },
    requestedUsd: string,
  ) {
    super(
      {
        message: `${budget.scope === 'key' ? `API key "${budget.target}"` : `Company ${budget.target}`} has spent ${budget.spentUsd} of its ${PERIOD_ADJECTIVE[budget.period]} budget of ${budget.limitUsd} USD${budget.reservedUsd !== '0.000000000' ? ` (${budget.reservedUsd} reserved by calls in flight)` : ''}; this call may cost up to ${requestedUsd} USD. The budget resets at ${budget.resetsAt.toISOString()}`,
        code: 'budget_exhausted',
        budget: { scope: budget.scope, target: budget.target, limitUsd: budget.limitUsd, spentUsd: budget.spentUsd, period: budget.period, resetsAt: budget.resetsAt.toISOString() },
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

/**
 * Per-caller admission for the gateway: the key's model allow-list, its RPM/TPM windows, its calls in flight and
 * the key's and the company's USD budgets, shared by every replica through Redis.
 *
 *   const admission = await policy.admit({ keyName }, { model, modelAliases, companyId, estimatedTokens, estimatedCostUsd });
 *   try { result = await call(); } finally { await policy.settle(admission, { tokens, costUsd }); }
 *
 * `admit` throws ModelNotAllowedError, KeyRateLimitedError, KeyParallelLimitedError or BudgetExhaustedError (all CallerPolicyError)
 * and otherwise reserves the estimate; `settle` releases the reservation and charges the exact cost.
 */
export abstract class CallerPolicy {
  /** True when the key may use a model known by any of `names` (to drop fallback targets it may not use). */
  abstract allowsModel(caller: PolicyCaller, names: readonly string[]): boolean;
  /** Whether the key has a model allow-list at all (without one, every model is allowed and no names need working out). */
  abstract restrictsModels(caller: PolicyCaller): boolean;
  /** Synchronous (no promise) for a caller with nothing to reserve: no rate limits, parallel limit or budgets. */
  abstract admit(caller: PolicyCaller, request: AdmitRequest): MaybePromise<Admission>;
  abstract settle(admission: Admission, used: Settlement): void | Promise<void>;
}
