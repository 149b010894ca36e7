import { Injectable } from '@nestjs/common';
import { Prisma } from 'src/generated/prisma/client';
import { PrismaService } from 'src/infra/database';
import type { ReportGroup } from './report-query';

/** Rows read per query while streaming; memory stays flat whatever the range. */
export const REPORT_BATCH_SIZE = 500;

/** One group of the finance report; costUsd is Postgres's exact sum as text. */
export interface ReportRow {
  key: string;
  requests: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  costUsd: string;
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
}

/** The SQL of each grouping: the shown key and the sort key the keyset pages on (both from this table only). */
const GROUPS: Record<ReportGroup, { key: Prisma.Sql; sort: Prisma.Sql }> = {
  day: { key: Prisma.raw(`to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')`), sort: Prisma.raw(`to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')`) },
  provider: { key: Prisma.raw('provider'), sort: Prisma.raw('provider') },
  model: { key: Prisma.raw('model'), sort: Prisma.raw('model') },
  operation: { key: Prisma.raw('operation'), sort: Prisma.raw('operation') },
  apiKey: { key: Prisma.raw('api_key_name'), sort: Prisma.raw('api_key_name') },
  company: { key: Prisma.raw(`COALESCE(company_id::text, 'none')`), sort: Prisma.raw('COALESCE(company_id, -1)') },
};

/** Range (and company) filter shared by both reads; companies null = every company. */
export interface ReportScope {
  from: Date;
  toExclusive: Date;
  companies: number[] | null;
}

/** Reads the finance report and the usage export in keyset-paginated batches, so callers can stream them. */
@Injectable()
export class ReportRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Grouped totals in key order, one batch at a time; sums done by Postgres on the DECIMAL column. */
  async *groupedBatches(scope: ReportScope, groupBy: ReportGroup, batchSize = REPORT_BATCH_SIZE): AsyncGenerator<ReportRow[]> {
    const { key, sort } = GROUPS[groupBy];
    let cursor: string | number | undefined;
    for (;;) {
      const after = cursor === undefined ? Prisma.empty : Prisma.sql`AND ${sort} > ${cursor}`;
      const rows = await this.prisma.$queryRaw<(Omit<ReportRow, 'inputTokens' | 'outputTokens' | 'cacheReadTokens' | 'cacheWriteTokens'> & { sort: string | number; input: bigint; output: bigint; cacheRead: bigint; cacheWrite: bigint })[]>`
        SELECT ${key} AS key, ${sort} AS sort,
               count(*)::int AS requests,
               sum(input_tokens)::bigint AS input,
               sum(output_tokens)::bigint AS output,
               sum(cache_read_tokens)::bigint AS "cacheRead",
               sum(cache_write_tokens)::bigint AS "cacheWrite",
               sum(cost_usd)::numeric(20, 12)::text AS "costUsd"
        FROM usage_records
        WHERE created_at >= ${scope.from} AND created_at < ${scope.toExclusive} ${companyFilter(scope.companies)} ${after}
        GROUP BY 1, 2
        ORDER BY 2
        LIMIT ${batchSize}`;
      if (rows.length === 0) return;
      yield rows.map((r) => ({
        key: r.key,
        requests: r.requests,
        inputTokens: Number(r.input),
        outputTokens: Number(r.output),
        cacheReadTokens: Number(r.cacheRead),
        cacheWriteTokens: Number(r.cacheWrite),
        costUsd: r.costUsd,
      }));
      if (rows.length < batchSize) return;
      cursor = rows[rows.length - 1].sort;
    }
  }

  /** Raw usage rows in id order, one batch at a time. */
  async *usageBatches(scope: ReportScope, batchSize = REPORT_BATCH_SIZE): AsyncGenerator<UsageExportRow[]> {
    let cursor = 0n;
    for (;;) {
      const rows = await this.prisma.$queryRaw<UsageExportRow[]>`
        SELECT id, created_at AS "createdAt", request_id AS "requestId", api_key_name AS "apiKeyName", company_id AS "companyId",
               operation, route, provider, model, input_tokens AS "inputTokens", output_tokens AS "outputTokens",
               cache_read_tokens AS "cacheReadTokens", cache_write_tokens AS "cacheWriteTokens", reasoning_tokens AS "reasoningTokens",
               cost_usd::text AS "costUsd", latency_ms AS "latencyMs", status, attempts, used_fallback AS "usedFallback", streamed,
               error_kind AS "errorKind"
        FROM usage_records
        WHERE created_at >= ${scope.from} AND created_at < ${scope.toExclusive} ${companyFilter(scope.companies)} AND id > ${cursor}
        ORDER BY id
        LIMIT ${batchSize}`;
      if (rows.length === 0) return;
      yield rows;
      if (rows.length < batchSize) return;
      cursor = BigInt(rows[rows.length - 1].id);
    }
  }
}

function companyFilter(companies: number[] | null): Prisma.Sql {
  if (companies === null) return Prisma.empty;
  if (companies.length === 0) return Prisma.sql`AND false`;
  return Prisma.sql`AND company_id IN (${Prisma.join(companies)})`;
}
