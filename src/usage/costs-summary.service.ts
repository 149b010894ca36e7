import { BadRequestException, Injectable } from '@nestjs/common';
import { UsageWriterService } from 'src/gateway/usage/usage-writer.service';
import { UsageRepository, UsageGroup, UsageGrouping, UsageTotals } from './usage.repository';
import { UsageScope } from './usage-scope';

export interface Period {
  label: string;
  from?: Date;
  to?: Date;
}

const DAY = 86_400_000;

/** Resolves `today | yesterday | month | this_month | all_time | YYYY-MM-DD..YYYY-MM-DD` (UTC days). */
export function resolvePeriod(raw: string | undefined, now = new Date()): Period {
  const period = (raw ?? 'today').trim();
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  if (period === 'today') return { label: period, from: today };
  if (period === 'yesterday') return { label: period, from: new Date(today.getTime() - DAY), to: today };
  if (period === 'month' || period === 'this_month') return { label: period, from: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)) };
  if (period === 'all_time') return { label: period };
  const match = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(period);
  if (match) {
    const from = new Date(`${match[1]}T00:00:00Z`);
    const to = new Date(new Date(`${match[2]}T00:00:00Z`).getTime() + DAY);
    if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || from >= to) throw new BadRequestException('period from..to needs two valid dates, from ≤ to (YYYY-MM-DD..YYYY-MM-DD)');
    return { label: period, from, to };
  }
  throw new BadRequestException('period must be today, yesterday, month, this_month, all_time or YYYY-MM-DD..YYYY-MM-DD');
}

const tokensOf = (t: UsageTotals) => t.inputTokens + t.outputTokens + t.cacheReadTokens + t.cacheWriteTokens;

/** Cost totals and breakdowns of the caller's companies, exact decimals as strings (the `/metrics/costs` shape). */
@Injectable()
export class CostsSummaryService {
  constructor(
    private readonly usage: UsageRepository,
    private readonly writer: UsageWriterService,
  ) {}

  async summary(scope: UsageScope, raw: string | undefined) {
    const period = resolvePeriod(raw);
    await this.writer.flush();
    const range = { from: period.from, toExclusive: period.to };
    const breakdown = async (groupBy: UsageGrouping) =>
      Object.fromEntries((await this.usage.grouped(scope, range, groupBy)).map((g: UsageGroup) => [g.key, { calls: g.requests, tokens: tokensOf(g), cost_usd: g.costUsd }]));
    const [total, byOperation, byModel, byProvider, byCompany, byApiKey] = await Promise.all([
      this.usage.totals(scope, range),
      breakdown('operation'),
      breakdown('model'),
      breakdown('provider'),
      breakdown('company'),
      breakdown('apiKey'),
    ]);
    const calls = total.requests;
    const input = total.inputTokens + total.cacheReadTokens + total.cacheWriteTokens;
    return {
      period: period.label,
      from: period.from?.toISOString() ?? null,
      to: period.to?.toISOString() ?? null,
      summary: {
        total_calls: calls,
        total_tokens: tokensOf(total),
        total_input_tokens: input,
        total_output_tokens: total.outputTokens,
        total_cost_usd: total.costUsd,
        avg_tokens_per_call: calls ? Math.round(tokensOf(total) / calls) : 0,
        avg_cost_per_call: calls ? total.averageCostUsd : '0',
      },
      by_operation: byOperation,
      by_model: byModel,
      by_provider: byProvider,
      by_company: byCompany,
      by_api_key: byApiKey,
    };
  }
}
