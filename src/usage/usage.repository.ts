import { Injectable } from '@nestjs/common';
import type { Prisma } from 'src/generated/prisma/client';
import { once, PrismaService, prismaNamespace as prismaSql } from 'src/infra/database';
import { UsageRange, UsageScope } from './usage-scope';

/** Rows read per query while streaming; memory stays flat whatever the range. */
export const USAGE_BATCH_SIZE = 500;

/** Outcomes that count as failures in the provider figures (a stream cut after the first token included). */
export const FAILED_STATUSES = ['error', 'partial'] as const;

/** Totals of a set of rows; costUsd is Postgres's exact sum as text. */
export interface UsageTotals {
  requests: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  costUsd: string;
}

/** One group of a grouped read. */
export interface UsageGroup extends UsageTotals {
  key: string;
}

/** One usage_records row as exported to CSV. */
export interface UsageExportRow {
  id: bigint;
  createdAt: Date;
  requestId: string;
  apiKeyName: string;
  companyId: number | null;
  operation: string;
  route: string;
  provider: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
  costUsd: string;
  latencyMs: number;
  status: string;
  attempts: number;
  usedFallback: boolean;
  streamed: boolean;
  errorKind: string | null;
  correlationId: string | null;
  tags: string[];
  /** Priced at UNPRICED_MODEL_PRICE because the model had no catalog price. */
  unpriced: boolean;
}

/** Recent outcome figures of one provider; latency percentiles computed by Postgres, in ms to 0.1. */
export interface ProviderWindowStats {
  provider: string;
  requests: number;
  failures: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

/** One provider's row in the performance table; costUsd is an exact decimal string. */
export interface ProviderPerformance {
  provider: string;
  requests: number;
  successRate: number;
  meanLatencyMs: number;
  tokens: number;
  costUsd: string;
}

/** What rows can be grouped by. */
export type UsageGrouping = 'day' | 'provider' | 'model' | 'operation' | 'apiKey' | 'company' | 'tag';

/** The SQL of each grouping: the shown key and the sort key the keyset pages on (both from this table only). */
const GROUPS = once((): Record<UsageGrouping, { key: Prisma.Sql; sort: Prisma.Sql; join?: Prisma.Sql }> => ({
  day: { key: prismaSql().raw(`to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')`), sort: prismaSql().raw(`to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')`) },
  provider: { key: prismaSql().raw('provider'), sort: prismaSql().raw('provider') },
  model: { key: prismaSql().raw('model'), sort: prismaSql().raw('model') },
  operation: { key: prismaSql().raw('operation'), sort: prismaSql().raw('operation') },
  apiKey: { key: prismaSql().raw('api_key_name'), sort: prismaSql().raw('api_key_name') },
  company: { key: prismaSql().raw(`COALESCE(company_id::text, 'none')`), sort: prismaSql().raw('COALESCE(company_id, -1)') },
  // A row with several tags counts under each of them; a row without tags under '(untagged)'.
  tag: { key: prismaSql().raw('tag'), sort: prismaSql().raw('tag'), join: prismaSql().raw(`CROSS JOIN LATERAL unnest(CASE WHEN cardinality(tags) = 0 THEN ARRAY['(untagged)'] ELSE tags END) AS tag`) },
}));

const TOTALS = once(() =>
  prismaSql().raw(`count(*)::int AS requests,
  COALESCE(sum(input_tokens), 0)::bigint AS input,
  COALESCE(sum(output_tokens), 0)::bigint AS output,
  COALESCE(sum(cache_read_tokens), 0)::bigint AS "cacheRead",
  COALESCE(sum(cache_write_tokens), 0)::bigint AS "cacheWrite",
  COALESCE(sum(cost_usd), 0)::numeric(20, 12)::text AS "costUsd"`),
);

type RawTotals = { requests: number; input: bigint; output: bigint; cacheRead: bigint; cacheWrite: bigint; costUsd: string };

const FAILED = once(() => prismaSql().join([...FAILED_STATUSES]));

/**
 * The one reader of usage_records: the cost summary, the finance report, the usage export and the admin overview.
 * Every read takes the caller's UsageScope; sums, percentiles and exact decimals are done by Postgres.
 */
@Injectable()
export class UsageRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Totals of the range, with the mean cost per request rounded to 8 decimals ('0' without requests). */
  async totals(scope: UsageScope, range: UsageRange): Promise<UsageTotals & { averageCostUsd: string }> {
    const [row] = await this.prisma.$queryRaw<(RawTotals & { averageCostUsd: string })[]>`
      SELECT ${TOTALS()}, COALESCE(round(sum(cost_usd) / NULLIF(count(*), 0), 8), 0)::text AS "averageCostUsd"
      FROM usage_records WHERE true ${where(scope, range)}`;
    return { ...totalsOf(row), averageCostUsd: row.averageCostUsd };
  }

  /** Totals per group of the range, in key order, one batch at a time (so callers can stream them). */
  async *groupedBatches(scope: UsageScope, range: UsageRange, groupBy: UsageGrouping, batchSize = USAGE_BATCH_SIZE): AsyncGenerator<UsageGroup[]> {
    const { key, sort, join = prismaSql().empty } = GROUPS()[groupBy];
    let cursor: string | number | undefined;
    for (;;) {
      const after = cursor === undefined ? prismaSql().empty : prismaSql().sql`AND ${sort} > ${cursor}`;
      const rows = await this.prisma.$queryRaw<(RawTotals & { key: string; sort: string | number })[]>`
        SELECT ${key} AS key, ${sort} AS sort, ${TOTALS()}
        FROM usage_records ${join}
        WHERE true ${where(scope, range)} ${after}
        GROUP BY 1, 2
        ORDER BY 2
        LIMIT ${batchSize}`;
      if (rows.length === 0) return;
      yield rows.map((r) => ({ key: r.key, ...totalsOf(r) }));
      if (rows.length < batchSize) return;
      cursor = rows[rows.length - 1].sort;
    }
  }

  /** Every group of the range at once; for the small dimensions of the cost summary. */
  async grouped(scope: UsageScope, range: UsageRange, groupBy: UsageGrouping): Promise<UsageGroup[]> {
    const groups: UsageGroup[] = [];
    for await (const batch of this.groupedBatches(scope, range, groupBy)) groups.push(...batch);
    return groups;
  }

  /** Raw rows in id order, one batch at a time. */
  async *rowBatches(scope: UsageScope, range: UsageRange, batchSize = USAGE_BATCH_SIZE): AsyncGenerator<UsageExportRow[]> {
    let cursor = 0n;
    for (;;) {
      const rows = await this.prisma.$queryRaw<UsageExportRow[]>`
        SELECT id, created_at AS "createdAt", request_id AS "requestId", api_key_name AS "apiKeyName", company_id AS "companyId",
               operation, route, provider, model, input_tokens AS "inputTokens", output_tokens AS "outputTokens",
               cache_read_tokens AS "cacheReadTokens", cache_write_tokens AS "cacheWriteTokens", reasoning_tokens AS "reasoningTokens",
               cost_usd::text AS "costUsd", latency_ms AS "latencyMs", status, attempts, used_fallback AS "usedFallback", streamed,
               error_kind AS "errorKind", correlation_id AS "correlationId", tags, unpriced
        FROM usage_records
        WHERE id > ${cursor} ${where(scope, range)}
        ORDER BY id
        LIMIT ${batchSize}`;
      if (rows.length === 0) return;
      yield rows;
      if (rows.length < batchSize) return;
      cursor = BigInt(rows[rows.length - 1].id);
    }
  }

  /** Requests, failures and latency percentiles per provider since `since`. */
  async providerStats(scope: UsageScope, since: Date): Promise<ProviderWindowStats[]> {
    const rows = await this.prisma.$queryRaw<ProviderWindowStats[]>`
      SELECT provider,
             count(*)::int AS requests,
             (count(*) FILTER (WHERE status IN (${FAILED()})))::int AS failures,
             round(percentile_cont(0.5) WITHIN GROUP (ORDER BY latency_ms)::numeric, 1)::float8 AS p50,
             round(percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms)::numeric, 1)::float8 AS p95,
             round(percentile_cont(0.99) WITHIN GROUP (ORDER BY latency_ms)::numeric, 1)::float8 AS p99
      FROM usage_records
      WHERE true ${where(scope, { from: since })}
      GROUP BY provider`;
    return rows.map((r) => ({ ...r, p50: num(r.p50), p95: num(r.p95), p99: num(r.p99) }));
  }

  /** Cost since `today` and since `monthStart` (monthStart ≤ today) in one scan, as exact decimal strings. */
  async costTotals(scope: UsageScope, today: Date, monthStart: Date): Promise<{ todayUsd: string; monthToDateUsd: string }> {
    const [row] = await this.prisma.$queryRaw<{ todayUsd: string; monthToDateUsd: string }[]>`
      SELECT COALESCE(sum(cost_usd) FILTER (WHERE created_at >= ${today}), 0)::numeric(20, 12)::text AS "todayUsd",
             COALESCE(sum(cost_usd), 0)::numeric(20, 12)::text AS "monthToDateUsd"
      FROM usage_records WHERE true ${where(scope, { from: monthStart })}`;
    return row;
  }

  /** Cost of every UTC day from `firstDay` to `lastDay` (days without rows as zero), oldest first. */
  async dailyCosts(scope: UsageScope, firstDay: Date, lastDay: Date): Promise<{ date: string; costUsd: string }[]> {
    return this.prisma.$queryRaw<{ date: string; costUsd: string }[]>`
      SELECT to_char(day, 'YYYY-MM-DD') AS date, COALESCE(sum(u.cost_usd), 0)::numeric(20, 12)::text AS "costUsd"
      FROM generate_series(${firstDay}::timestamptz AT TIME ZONE 'UTC', ${lastDay}::timestamptz AT TIME ZONE 'UTC', interval '1 day') AS day
      LEFT JOIN usage_records u ON u.created_at >= day AT TIME ZONE 'UTC' AND u.created_at < (day + interval '1 day') AT TIME ZONE 'UTC' ${companyFilter(scope, prismaSql().raw('u.company_id'))}
      GROUP BY day
      ORDER BY day`;
  }

  /** Requests, success rate, mean latency, tokens and exact cost per provider since `since`. */
  async performance(scope: UsageScope, since: Date): Promise<ProviderPerformance[]> {
    const rows = await this.prisma.$queryRaw<{ provider: string; requests: number; failures: number; mean: number | null; tokens: bigint; cost: string }[]>`
      SELECT provider,
             count(*)::int AS requests,
             (count(*) FILTER (WHERE status IN (${FAILED()})))::int AS failures,
             round(avg(latency_ms), 1)::float8 AS mean,
             sum(input_tokens::bigint + output_tokens + cache_read_tokens + cache_write_tokens)::bigint AS tokens,
             sum(cost_usd)::numeric(20, 12)::text AS cost
      FROM usage_records
      WHERE true ${where(scope, { from: since })}
      GROUP BY provider
      ORDER BY provider`;
    return rows.map((r) => ({
      provider: r.provider,
      requests: r.requests,
      successRate: r.requests ? (r.requests - r.failures) / r.requests : 0,
      meanLatencyMs: num(r.mean) ?? 0,
      tokens: Number(r.tokens),
      costUsd: r.cost,
    }));
  }
}

function where(scope: UsageScope, range: UsageRange): Prisma.Sql {
  return prismaSql()
    .sql`${range.from ? prismaSql().sql`AND created_at >= ${range.from}` : prismaSql().empty} ${range.toExclusive ? prismaSql().sql`AND created_at < ${range.toExclusive}` : prismaSql().empty} ${companyFilter(scope, prismaSql().raw('company_id'))}`;
}

function companyFilter(scope: UsageScope, column: Prisma.Sql): Prisma.Sql {
  if (scope.companies === null) return prismaSql().empty;
  if (scope.companies.length === 0) return prismaSql().sql`AND false`;
  return prismaSql().sql`AND ${column} IN (${prismaSql().join([...scope.companies])})`;
}

function totalsOf(row: RawTotals): UsageTotals {
  return {
    requests: row.requests,
    inputTokens: Number(row.input),
    outputTokens: Number(row.output),
    cacheReadTokens: Number(row.cacheRead),
    cacheWriteTokens: Number(row.cacheWrite),
    costUsd: row.costUsd,
  };
}

function num(value: number | string | null): number | null {
  return value === null ? null : Number(value);
}
