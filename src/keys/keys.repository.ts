import { Injectable } from '@nestjs/common';
import type { ApiKey, CompanyBudget } from 'src/generated/prisma/client';
import { PrismaService, SqlClient } from 'src/infra/database';
import type { BudgetPeriod } from './budget-period';
import type { CompanyBudgetRecord, KeyRecord } from './key-records';

/** The stored fields of a key, as written by the service (decimals as exact strings). */
export type KeyFields = Omit<KeyRecord, 'createdAt' | 'updatedAt'>;

/** A stored budget alert, newest first in the admin view. */
export interface StoredBudgetAlert {
  createdAt: string;
  scope: 'key' | 'company';
  target: string;
  periodStart: string;
  level: 'warning' | 'critical';
  spentUsd: string;
  limitUsd: string;
  message: string;
}

/** Ids are `key_` and 20 hex digits; anything else cannot name a key (and never reaches Postgres). */
const KEY_ID = /^key_[0-9a-f]{20}$/;

// The directory's reads (at start-up and after every change) go through plain `pg`, so a process that only
// authenticates never loads Prisma. DECIMAL(20,6) arrives as its exact text with six decimals, like toFixed(6).
const KEY_COLUMNS = `id, name, secret_hash AS "secretHash", secret_hint AS "secretHint", owner_note AS "ownerNote",
  COALESCE(companies, '{}') AS companies, COALESCE(allowed_models, '{}') AS "allowedModels", rpm_limit AS "rpmLimit",
  tpm_limit AS "tpmLimit", max_parallel_requests AS "maxParallelRequests", budget_usd AS "budgetUsd", budget_period AS "budgetPeriod", expires_at AS "expiresAt",
  COALESCE(tags, '{}') AS tags, disabled, source, created_at AS "createdAt", updated_at AS "updatedAt", rotated_at AS "rotatedAt",
  previous_secret_hash AS "previousSecretHash", previous_secret_valid_until AS "previousSecretValidUntil"`;
const KEYS_SQL = `SELECT ${KEY_COLUMNS} FROM api_keys ORDER BY name`;
// One statement, so the secret kept for the grace period is the one the row held, even when two rotations race.
const ROTATE_SQL = `UPDATE api_keys SET previous_secret_hash = CASE WHEN $5::timestamptz IS NULL THEN NULL ELSE secret_hash END,
  previous_secret_valid_until = $5, secret_hash = $2, secret_hint = $3, rotated_at = $4, updated_at = $4
WHERE id = $1 AND source = 'api' RETURNING ${KEY_COLUMNS}`;
const BUDGETS_SQL = `SELECT company_id AS "companyId", limit_usd AS "limitUsd", period, note, source, updated_at AS "updatedAt"
FROM company_budgets ORDER BY company_id`;

/** Postgres rows of api_keys, company_budgets and budget_alerts. */
@Injectable()
export class KeysRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly sql: SqlClient,
  ) {}

  keys(): Promise<KeyRecord[]> {
    return this.sql.query<KeyRecord & { [column: string]: unknown }>(KEYS_SQL);
  }

  companyBudgets(): Promise<CompanyBudgetRecord[]> {
    return this.sql.query<CompanyBudgetRecord & { [column: string]: unknown }>(BUDGETS_SQL);
  }

  async createKey(fields: KeyFields): Promise<KeyRecord> {
    return toKeyRecord(await this.prisma.apiKey.create({ data: fields }));
  }

  async updateKey(id: string, fields: Partial<KeyFields>): Promise<KeyRecord | undefined> {
    if (!(await this.keyById(id))) return undefined;
    return toKeyRecord(await this.prisma.apiKey.update({ where: { id }, data: fields }));
  }

  /** The key by id, or undefined. */
  async keyById(id: string): Promise<KeyRecord | undefined> {
    if (!KEY_ID.test(id)) return undefined;
    const found = await this.prisma.apiKey.findUnique({ where: { id } });
    return found ? toKeyRecord(found) : undefined;
  }

  /**
   * Gives an admin-API key a new secret; the old one stays accepted until `previousValidUntil` (null: not at all).
   * Undefined when no such key (or it comes from the config file).
   */
  async rotateKey(id: string, secret: { hash: string; hint: string }, now: Date, previousValidUntil: Date | null): Promise<KeyRecord | undefined> {
    if (!KEY_ID.test(id)) return undefined;
    const [row] = await this.sql.query<KeyRecord & { [column: string]: unknown }>(ROTATE_SQL, [id, secret.hash, secret.hint, now, previousValidUntil]);
    return row;
  }

  async deleteKey(id: string): Promise<KeyRecord | undefined> {
    const found = await this.keyById(id);
    if (found) await this.prisma.apiKey.delete({ where: { id } });
    return found;
  }

  async upsertCompanyBudget(budget: Omit<CompanyBudgetRecord, 'updatedAt'>): Promise<CompanyBudgetRecord> {
    const data = { limitUsd: budget.limitUsd, period: budget.period, note: budget.note, source: budget.source };
    return toBudgetRecord(await this.prisma.companyBudget.upsert({ where: { companyId: budget.companyId }, create: { companyId: budget.companyId, ...data }, update: data }));
  }

  async deleteCompanyBudget(companyId: number): Promise<boolean> {
    return (await this.prisma.companyBudget.deleteMany({ where: { companyId } })).count > 0;
  }

  async storeAlert(alert: Omit<StoredBudgetAlert, 'createdAt'> & { createdAt: Date }): Promise<void> {
    await this.prisma.budgetAlert.create({ data: alert });
  }

  async latestAlerts(count: number): Promise<StoredBudgetAlert[]> {
    const rows = await this.prisma.budgetAlert.findMany({ orderBy: { createdAt: 'desc' }, take: count });
    return rows.map((r) => ({
      createdAt: r.createdAt.toISOString(),
      scope: r.scope as StoredBudgetAlert['scope'],
      target: r.target,
      periodStart: r.periodStart,
      level: r.level as StoredBudgetAlert['level'],
      spentUsd: r.spentUsd.toFixed(9),
      limitUsd: r.limitUsd.toFixed(6),
      message: r.message,
    }));
  }
}

function toKeyRecord(row: ApiKey): KeyRecord {
  return {
    id: row.id,
    name: row.name,
    secretHash: row.secretHash,
    secretHint: row.secretHint,
    ownerNote: row.ownerNote,
    companies: row.companies,
    allowedModels: row.allowedModels,
    rpmLimit: row.rpmLimit,
    tpmLimit: row.tpmLimit,
    maxParallelRequests: row.maxParallelRequests,
    budgetUsd: row.budgetUsd === null ? null : row.budgetUsd.toFixed(6),
    budgetPeriod: row.budgetPeriod as BudgetPeriod | null,
    expiresAt: row.expiresAt,
    tags: row.tags,
    disabled: row.disabled,
    source: row.source as KeyRecord['source'],
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    rotatedAt: row.rotatedAt,
    previousSecretHash: row.previousSecretHash,
    previousSecretValidUntil: row.previousSecretValidUntil,
  };
}

function toBudgetRecord(row: CompanyBudget): CompanyBudgetRecord {
  return {
    companyId: row.companyId,
    limitUsd: row.limitUsd.toFixed(6),
    period: row.period as BudgetPeriod,
    note: row.note,
    source: row.source as CompanyBudgetRecord['source'],
    updatedAt: row.updatedAt,
  };
}
