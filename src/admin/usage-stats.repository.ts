import { Injectable } from '@nestjs/common';
import { Prisma } from 'src/generated/prisma/client';
import { PrismaService } from 'src/infra/database';
import { FAILED_STATUSES } from './provider-health';

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

/** One stored quota alert, newest first. */
export interface StoredAlert {
  createdAt: string;
  provider: string;
  window: string;
  level: string;
  utilization: number;
  message: string;
}

const FAILED = Prisma.join([...FAILED_STATUSES]);

/** The admin overview's reads from usage_records and quota_alerts; all sums and percentiles done in SQL. */
@Injectable()
export class UsageStatsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Requests, failures and latency percentiles per provider since `since`. */
  async providerStats(since: Date): Promise<ProviderWindowStats[]> {
    const rows = await this.prisma.$queryRaw<{ provider: string; requests: number; failures: number; p50: number | null; p95: number | null; p99: number | null }[]>`
      SELECT provider,
             count(*)::int AS requests,
             (count(*) FILTER (WHERE status IN (${FAILED})))::int AS failures,
             round(percentile_cont(0.5) WITHIN GROUP (ORDER BY latency_ms)::numeric, 1)::float8 AS p50,
             round(percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms)::numeric, 1)::float8 AS p95,
             round(percentile_cont(0.99) WITHIN GROUP (ORDER BY latency_ms)::numeric, 1)::float8 AS p99
      FROM usage_records
      WHERE created_at >= ${since}
      GROUP BY provider`;
    return rows.map((r) => ({ ...r, p50: num(r.p50), p95: num(r.p95), p99: num(r.p99) }));
  }

  /** Cost since `today` and since `monthStart` (monthStart ≤ today) in one scan, as exact decimal strings. */
  async costTotals(today: Date, monthStart: Date): Promise<{ todayUsd: string; monthToDateUsd: string }> {
    const [row] = await this.prisma.$queryRaw<{ todayUsd: string; monthToDateUsd: string }[]>`
      SELECT COALESCE(sum(cost_usd) FILTER (WHERE created_at >= ${today}), 0)::numeric(20, 12)::text AS "todayUsd",
             COALESCE(sum(cost_usd), 0)::numeric(20, 12)::text AS "monthToDateUsd"
      FROM usage_records WHERE created_at >= ${monthStart}`;
    return row;
  }

  /** Cost of every UTC day from `firstDay` to `lastDay` (days without rows as zero), oldest first. */
  async dailyCosts(firstDay: Date, lastDay: Date): Promise<{ date: string; costUsd: string }[]> {
    return this.prisma.$queryRaw<{ date: string; costUsd: string }[]>`
      SELECT to_char(day, 'YYYY-MM-DD') AS date, COALESCE(sum(u.cost_usd), 0)::numeric(20, 12)::text AS "costUsd"
      FROM generate_series(${firstDay}::timestamptz AT TIME ZONE 'UTC', ${lastDay}::timestamptz AT TIME ZONE 'UTC', interval '1 day') AS day
      LEFT JOIN usage_records u ON u.created_at >= day AT TIME ZONE 'UTC' AND u.created_at < (day + interval '1 day') AT TIME ZONE 'UTC'
      GROUP BY day
      ORDER BY day`;
  }

  /** Requests, success rate, mean latency, tokens and exact cost per provider since `since`. */
  async performance(since: Date): Promise<ProviderPerformance[]> {
    const rows = await this.prisma.$queryRaw<{ provider: string; requests: number; failures: number; mean: number | null; tokens: bigint; cost: string }[]>`
      SELECT provider,
             count(*)::int AS requests,
             (count(*) FILTER (WHERE status IN (${FAILED})))::int AS failures,
             round(avg(latency_ms), 1)::float8 AS mean,
             sum(input_tokens::bigint + output_tokens + cache_read_tokens + cache_write_tokens)::bigint AS tokens,
             sum(cost_usd)::numeric(20, 12)::text AS cost
      FROM usage_records
      WHERE created_at >= ${since}
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

  /** The newest `limit` quota alerts. */
  async latestAlerts(limit: number): Promise<StoredAlert[]> {
    const rows = await this.prisma.quotaAlert.findMany({ orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: limit });
    return rows.map((a) => ({ createdAt: a.createdAt.toISOString(), provider: a.provider, window: a.window, level: a.level, utilization: Number(a.utilization), message: a.message }));
  }
}

function num(value: number | string | null): number | null {
  return value === null ? null : Number(value);
}
