import { Injectable } from '@nestjs/common';
import { GatewayAdmin } from 'src/gateway';
import type { ModelRetirement } from 'src/gateway/catalog/model-catalog';
import { UsageWriterService } from 'src/gateway/usage/usage-writer.service';
import { AdminClock } from './admin-clock';
import { BreakerView, errorRate, providerState, ProviderState, utilization } from './provider-health';
import { projectMonth } from 'src/common/money/usd-decimal';
import type { Caller } from 'src/common/auth';
import { PrismaService } from 'src/infra/database';
import { ProviderPerformance, UsageRepository, UsageScope } from 'src/usage';

/** Minutes of usage rows behind each provider's state, error rate and latency percentiles. */
export const HEALTH_WINDOW_MINUTES = 15;
/** Hours of usage rows behind the performance table. */
export const PERFORMANCE_WINDOW_HOURS = 24;
/** Days shown in the daily cost chart, today included. */
export const DAILY_COST_DAYS = 30;
const ALERT_COUNT = 20;
const QUOTA_WINDOWS = ['rpm', 'tpm', 'rpd'] as const;

/** One stored quota alert, newest first. */
export interface StoredAlert {
  createdAt: string;
  provider: string;
  window: string;
  level: string;
  utilization: number;
  message: string;
}

/** One provider card of the admin page. */
export interface ProviderOverview {
  provider: string;
  configured: boolean;
  state: ProviderState;
  breaker: BreakerView;
  requests: number;
  errorRate: number;
  latencyMs: { p50: number | null; p95: number | null; p99: number | null };
  quotas: { window: (typeof QUOTA_WINDOWS)[number]; used: number; limit: number; utilization: number }[];
}

/** Everything the admin page shows; money as exact decimal strings (UTC days). */
export interface AdminOverview {
  generatedAt: string;
  windows: { healthMinutes: number; performanceHours: number; dailyCostDays: number };
  providers: ProviderOverview[];
  costs: { todayUsd: string; monthToDateUsd: string; projectedMonthUsd: string; daily: { date: string; costUsd: string }[] };
  alerts: StoredAlert[];
  performance: ProviderPerformance[];
  /** Catalog models their vendors have shut down, or will within 60 days, and what answers for them. */
  modelRetirements: ModelRetirement[];
}

/** Builds the admin overview from the gateway's live state (breakers, limiter) and Postgres. */
@Injectable()
export class AdminOverviewService {
  constructor(
    private readonly gateway: GatewayAdmin,
    private readonly usage: UsageRepository,
    private readonly prisma: PrismaService,
    private readonly writer: UsageWriterService,
    private readonly clock: AdminClock,
  ) {}

  /** Providers the admin API knows: every vendor of the catalog, configured or not. */
  knownProviders(): string[] {
    return this.gateway.knownProviders();
  }

  /** The whole overview within the caller's scope; buffered usage rows are written first so the figures include them. */
  async overview(caller: Caller): Promise<AdminOverview> {
    const scope = UsageScope.of(caller);
    await this.writer.flush();
    const now = this.clock.now();
    const today = startOfUtcDay(now);
    const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
    const [providers, { todayUsd, monthToDateUsd }, daily, alerts, performance] = await Promise.all([
      this.providers(scope, new Date(now.getTime() - HEALTH_WINDOW_MINUTES * 60_000)),
      this.usage.costTotals(scope, today, monthStart),
      this.usage.dailyCosts(scope, new Date(today.getTime() - (DAILY_COST_DAYS - 1) * 86_400_000), today),
      this.latestAlerts(ALERT_COUNT),
      this.usage.performance(scope, new Date(now.getTime() - PERFORMANCE_WINDOW_HOURS * 3_600_000)),
    ]);
    return {
      generatedAt: now.toISOString(),
      windows: { healthMinutes: HEALTH_WINDOW_MINUTES, performanceHours: PERFORMANCE_WINDOW_HOURS, dailyCostDays: DAILY_COST_DAYS },
      providers,
      costs: { todayUsd, monthToDateUsd, projectedMonthUsd: projectMonth(monthToDateUsd, now), daily },
      alerts,
      performance,
      modelRetirements: this.gateway.modelRetirements(),
    };
  }

  /** The newest `limit` quota alerts (provider-wide, not per company). */
  private async latestAlerts(limit: number): Promise<StoredAlert[]> {
    const rows = await this.prisma.quotaAlert.findMany({ orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: limit });
    return rows.map((a) => ({ createdAt: a.createdAt.toISOString(), provider: a.provider, window: a.window, level: a.level, utilization: Number(a.utilization), message: a.message }));
  }

  private async providers(scope: UsageScope, since: Date): Promise<ProviderOverview[]> {
    const configured = new Set<string>(this.gateway.configuredProviders());
    const recent = new Map((await this.usage.providerStats(scope, since)).map((s) => [s.provider, s]));
    return Promise.all(
      this.knownProviders().map(async (provider) => {
        const stats = recent.get(provider);
        const requests = stats?.requests ?? 0;
        const rate = errorRate(requests, stats?.failures ?? 0);
        const breaker = this.gateway.breakerState(provider);
        const used = await this.gateway.quotaUsage(provider);
        const limits = this.gateway.limitsOf(provider)!;
        return {
          provider,
          configured: configured.has(provider),
          state: providerState(breaker, rate),
          breaker,
          requests,
          errorRate: rate,
          latencyMs: { p50: stats?.p50 ?? null, p95: stats?.p95 ?? null, p99: stats?.p99 ?? null },
          quotas: QUOTA_WINDOWS.map((window) => ({ window, used: used[window], limit: limits[window], utilization: utilization(used[window], limits[window]) })),
        };
      }),
    );
  }
}

function startOfUtcDay(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}
