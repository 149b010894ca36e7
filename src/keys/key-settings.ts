import { BUDGET_PERIODS, isBudgetPeriod, type BudgetPeriod } from './budget-period';
import { modelPatternProblems } from './model-patterns';

/** The editable fields of a key (the admin API body, the config file entry). */
export interface KeySettings {
  name: string;
  /** Who uses the key and why (free text for operators). */
  ownerNote: string;
  /** Companies the key may act for; empty = any. */
  companies: number[];
  /** Exact names, aliases or glob patterns; empty = any model. */
  allowedModels: string[];
  rpmLimit: number | null;
  tpmLimit: number | null;
  /** Calls in flight at once, on all replicas together (LiteLLM's max_parallel_requests); null = no limit. */
  maxParallelRequests: number | null;
  /** USD with up to 6 decimals, exact. */
  budgetUsd: string | null;
  budgetPeriod: BudgetPeriod | null;
  expiresAt: Date | null;
  tags: string[];
  disabled: boolean;
}

export interface CompanyBudgetSettings {
  limitUsd: string;
  period: BudgetPeriod;
  note: string;
}

export type FieldProblems = { field: string; problems: string[] }[];
export type Checked<T> = { ok: true; value: T } | { ok: false; problems: FieldProblems };

export const KEY_NAME = /^[A-Za-z0-9._-]{1,64}$/;
const USD = /^\d{1,14}(\.\d{1,6})?$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/;
const KEY_FIELDS = ['name', 'ownerNote', 'companies', 'allowedModels', 'rpmLimit', 'tpmLimit', 'maxParallelRequests', 'budgetUsd', 'budgetPeriod', 'expiresAt', 'tags', 'disabled'] as const;

/** The longest a rotated-out secret may keep working: 30 days. */
export const MAX_ROTATION_GRACE_SECONDS = 30 * 24 * 3600;

/** Checks a rotation's body: `gracePeriodSeconds`, how long the old secret keeps working (0, the default: not at all). */
export function checkRotation(raw: unknown): Checked<number> {
  if (raw === undefined || raw === null) return { ok: true, value: 0 };
  if (typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, problems: [{ field: 'body', problems: ['must be a JSON object'] }] };
  const body = raw as Record<string, unknown>;
  const problems: FieldProblems = Object.keys(body)
    .filter((field) => field !== 'gracePeriodSeconds')
    .map((field) => ({ field, problems: ['unknown field; use gracePeriodSeconds'] }));
  const grace = body.gracePeriodSeconds ?? 0;
  if (typeof grace !== 'number' || !Number.isInteger(grace) || grace < 0 || grace > MAX_ROTATION_GRACE_SECONDS) {
    problems.push({ field: 'gracePeriodSeconds', problems: [`must be a whole number of seconds from 0 to ${MAX_ROTATION_GRACE_SECONDS} (30 days)`] });
  }
  return problems.length ? { ok: false, problems } : { ok: true, value: grace as number };
}

/**
 * Checks a key's settings as sent to the admin API or written in the config file. `create` needs a name
 * and fills defaults; `update` takes only the fields present. Every problem is reported, each naming its field.
 */
export function checkKeySettings(raw: unknown, mode: 'create' | 'update', now: Date): Checked<Partial<KeySettings>> {
  const problems: FieldProblems = [];
  const add = (field: string, problem: string) => problems.push({ field, problems: [problem] });
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, problems: [{ field: 'body', problems: ['must be a JSON object'] }] };
  const body = raw as Record<string, unknown>;
  const out: Partial<KeySettings> = {};
  for (const field of Object.keys(body)) if (!(KEY_FIELDS as readonly string[]).includes(field)) add(field, `unknown field; use ${KEY_FIELDS.join(', ')}`);

  if (mode === 'update' && 'name' in body) add('name', 'a key cannot be renamed: create a new key and delete this one');
  if (mode === 'create') {
    if (typeof body.name !== 'string' || !KEY_NAME.test(body.name)) add('name', 'must be 1-64 letters, digits, . _ or -');
    else out.name = body.name;
  }
  const has = (field: string) => mode === 'create' || field in body;

  if (has('ownerNote')) {
    const note = body.ownerNote ?? '';
    if (typeof note !== 'string' || note.length > 500) add('ownerNote', 'must be text of at most 500 characters');
    else out.ownerNote = note;
  }
  if (has('companies')) {
    const companies = body.companies ?? [];
    if (!Array.isArray(companies) || companies.length > 100 || companies.some((c) => !Number.isInteger(c) || (c as number) <= 0 || (c as number) > 2_147_483_647)) {
      add('companies', 'must be a list of at most 100 positive integer company ids (empty = any company)');
    } else out.companies = [...new Set(companies as number[])];
  }
  if (has('allowedModels')) {
    const models = body.allowedModels ?? [];
    if (!Array.isArray(models) || models.length > 100 || models.some((m) => typeof m !== 'string')) add('allowedModels', 'must be a list of at most 100 model names or patterns (empty = any model)');
    else {
      const own = (models as string[]).flatMap(modelPatternProblems);
      if (own.length) problems.push({ field: 'allowedModels', problems: own });
      else out.allowedModels = [...new Set(models as string[])];
    }
  }
  for (const field of ['rpmLimit', 'tpmLimit'] as const) {
    if (!has(field)) continue;
    const value = body[field] ?? null;
    if (value !== null && (!Number.isInteger(value) || (value as number) <= 0 || (value as number) > 1_000_000_000)) add(field, 'must be a positive integer, or null for no limit');
    else out[field] = value as number | null;
  }
  if (has('maxParallelRequests')) {
    const value = body.maxParallelRequests ?? null;
    if (value !== null && (!Number.isInteger(value) || (value as number) <= 0 || (value as number) > 100_000))
      add('maxParallelRequests', 'must be a whole number from 1 to 100000, or null for no limit');
    else out.maxParallelRequests = value as number | null;
  }
  if (has('budgetUsd')) {
    const budget = usdText(body.budgetUsd ?? null);
    if (budget === undefined) add('budgetUsd', 'must be a USD amount above 0 with at most 6 decimals (e.g. "25.50"), or null for no budget');
    else out.budgetUsd = budget;
  }
  if (has('budgetPeriod') || out.budgetUsd) {
    const period = body.budgetPeriod ?? (out.budgetUsd ? 'month' : null);
    if (period !== null && !isBudgetPeriod(period)) add('budgetPeriod', `must be one of ${BUDGET_PERIODS.join(', ')}`);
    else out.budgetPeriod = period as BudgetPeriod | null;
  }
  if (has('expiresAt')) {
    const value = body.expiresAt ?? null;
    const date = typeof value === 'string' && ISO_INSTANT.test(value) ? new Date(value) : undefined;
    if (value !== null && (!date || Number.isNaN(date.getTime()))) add('expiresAt', 'must be an ISO 8601 date or date-time (e.g. "2027-01-31T23:59:59Z"), or null for no expiry');
    else if (date && date.getTime() <= now.getTime()) add('expiresAt', 'must be in the future');
    else out.expiresAt = date ?? null;
  }
  if (has('tags')) {
    const tags = body.tags ?? [];
    if (!Array.isArray(tags) || tags.length > 20 || tags.some((t) => typeof t !== 'string' || !/^[A-Za-z0-9._:-]{1,32}$/.test(t)))
      add('tags', 'must be a list of at most 20 tags of 1-32 letters, digits, . _ : or -');
    else out.tags = [...new Set(tags as string[])];
  }
  if (has('disabled')) {
    const disabled = body.disabled ?? false;
    if (typeof disabled !== 'boolean') add('disabled', 'must be true or false');
    else out.disabled = disabled;
  }
  return problems.length ? { ok: false, problems } : { ok: true, value: out };
}

/** Checks a company budget: `{limitUsd, period, note?}`. */
export function checkCompanyBudget(raw: unknown): Checked<CompanyBudgetSettings> {
  const problems: FieldProblems = [];
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, problems: [{ field: 'body', problems: ['must be a JSON object'] }] };
  const body = raw as Record<string, unknown>;
  for (const field of Object.keys(body)) if (!['limitUsd', 'period', 'note'].includes(field)) problems.push({ field, problems: ['unknown field; use limitUsd, period, note'] });
  const limitUsd = usdText(body.limitUsd);
  if (!limitUsd) problems.push({ field: 'limitUsd', problems: ['must be a USD amount above 0 with at most 6 decimals (e.g. "100.00")'] });
  const period = body.period ?? 'month';
  if (!isBudgetPeriod(period)) problems.push({ field: 'period', problems: [`must be one of ${BUDGET_PERIODS.join(', ')}`] });
  const note = body.note ?? '';
  if (typeof note !== 'string' || note.length > 500) problems.push({ field: 'note', problems: ['must be text of at most 500 characters'] });
  if (problems.length || !limitUsd) return { ok: false, problems };
  return { ok: true, value: { limitUsd, period: period as BudgetPeriod, note: note as string } };
}

/** A positive USD amount as exact text, null for null, undefined when invalid. */
function usdText(value: unknown): string | null | undefined {
  if (value === null) return null;
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  if (typeof text !== 'string' || !USD.test(text) || !/[1-9]/.test(text)) return undefined;
  return text;
}
