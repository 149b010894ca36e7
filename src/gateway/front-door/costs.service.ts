import { BadRequestException, Injectable } from '@nestjs/common';
import { PrismaService } from 'src/infra/database';
import { UsageWriterService } from '../usage/usage-writer.service';

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

type Dimension = 'operation' | 'model' | 'provider' | 'companyId';

/** Cost totals and breakdowns straight from Postgres, exact decimals as strings. */
@Injectable()
export class CostsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly writer: UsageWriterService,
  ) {}

  async summary(raw: string | undefined) {
    const period = resolvePeriod(raw);
    await this.writer.flush();
    const where = { createdAt: { ...(period.from ? { gte: period.from } : {}), ...(period.to ? { lt: period.to } : {}) } };
    const total = await this.prisma.usageRecord.aggregate({ where, _count: { _all: true }, _sum: { inputTokens: true, outputTokens: true, cacheReadTokens: true, cacheWriteTokens: true, costUsd: true } });
    const by = async (dimension: Dimension) => {
      const rows = await this.prisma.usageRecord.groupBy({ by: [dimension], where, _count: { _all: true }, _sum: { inputTokens: true, outputTokens: true, cacheReadTokens: true, cacheWriteTokens: true, costUsd: true } });
      return Object.fromEntries(
        rows.map((r) => [
          String(r[dimension] ?? 'none'),
          { calls: r._count._all, tokens: (r._sum.inputTokens ?? 0) + (r._sum.outputTokens ?? 0) + (r._sum.cacheReadTokens ?? 0) + (r._sum.cacheWriteTokens ?? 0), cost_usd: (r._sum.costUsd ?? 0).toString() },
        ]),
      );
    };
    const calls = total._count._all;
    const input = (total._sum.inputTokens ?? 0) + (total._sum.cacheReadTokens ?? 0) + (total._sum.cacheWriteTokens ?? 0);
    const output = total._sum.outputTokens ?? 0;
    const cost = total._sum.costUsd?.toString() ?? '0';
    const [byOperation, byModel, byProvider, byCompany] = await Promise.all([by('operation'), by('model'), by('provider'), by('companyId')]);
    return {
      period: period.label,
      from: period.from?.toISOString() ?? null,
      to: period.to?.toISOString() ?? null,
      summary: {
        total_calls: calls,
        total_tokens: input + output,
        total_input_tokens: input,
        total_output_tokens: output,
        total_cost_usd: cost,
        avg_tokens_per_call: calls ? Math.round((input + output) / calls) : 0,
        avg_cost_per_call: calls ? (Number(cost) / calls).toFixed(8) : '0',
      },
      by_operation: byOperation,
      by_model: byModel,
      by_provider: byProvider,
      by_company: byCompany,
    };
  }
}
