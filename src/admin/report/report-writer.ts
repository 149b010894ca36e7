import { csvHeader, csvLine, csvNumber, csvText } from './csv';
import { fromScaled, toScaled } from 'src/common/money/usd-decimal';
import type { UsageExportRow, UsageGroup as ReportRow } from 'src/usage';
import type { ReportGroup, ReportQuery } from './report-query';

/** Column title of the grouping key in CSV output. */
export const GROUP_COLUMN: Record<ReportGroup, string> = { day: 'date', provider: 'provider', model: 'model', operation: 'operation', company: 'company_id', apiKey: 'api_key', tag: 'tag' };

const REPORT_COLUMNS = ['requests', 'input_tokens', 'output_tokens', 'cache_read_tokens', 'cache_write_tokens', 'cost_usd'] as const;

/** Running totals of a report; the cost is summed exactly from the rows written. */
class Totals {
  private readonly sums = { requests: 0, inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 };
  private cost = 0n;

  add(row: ReportRow): void {
    this.sums.requests += row.requests;
    this.sums.inputTokens += row.inputTokens;
    this.sums.outputTokens += row.outputTokens;
    this.sums.cacheReadTokens += row.cacheReadTokens;
    this.sums.cacheWriteTokens += row.cacheWriteTokens;
    this.cost += toScaled(row.costUsd);
  }

  value(): Omit<ReportRow, 'key'> {
    return { ...this.sums, costUsd: fromScaled(this.cost) };
  }
}

function reportCells(key: string, row: Omit<ReportRow, 'key'>): string[] {
  return [csvText(key), ...[row.requests, row.inputTokens, row.outputTokens, row.cacheReadTokens, row.cacheWriteTokens, row.costUsd].map(csvNumber)];
}

/** The finance report as CSV chunks: a header, one line per group, then a TOTAL line equal to the sum of the lines. */
export async function* reportCsv(query: ReportQuery, batches: AsyncIterable<ReportRow[]>): AsyncGenerator<string> {
  const totals = new Totals();
  yield csvHeader([GROUP_COLUMN[query.groupBy], ...REPORT_COLUMNS]);
  for await (const batch of batches) {
    batch.forEach((row) => totals.add(row));
    yield batch.map((row) => csvLine(reportCells(row.key, row))).join('');
  }
  yield csvLine(reportCells('TOTAL', totals.value()));
}

/** The finance report as JSON chunks: `{ from, to, groupBy, rows: [...], totals }`, totals equal to the sum of rows. */
export async function* reportJson(query: ReportQuery, batches: AsyncIterable<ReportRow[]>): AsyncGenerator<string> {
  const totals = new Totals();
  yield `{"from":${JSON.stringify(query.fromDay)},"to":${JSON.stringify(query.toDay)},"groupBy":${JSON.stringify(query.groupBy)},"currency":"USD","rows":[`;
  let first = true;
  for await (const batch of batches) {
    batch.forEach((row) => totals.add(row));
    yield batch.map((row) => (first ? ((first = false), '') : ',') + JSON.stringify(row)).join('');
  }
  yield `],"totals":${JSON.stringify(totals.value())}}`;
}

const USAGE_COLUMNS = [
  'created_at',
  'request_id',
  'api_key',
  'company_id',
  'operation',
  'route',
  'provider',
  'model',
  'input_tokens',
  'output_tokens',
  'cache_read_tokens',
  'cache_write_tokens',
  'reasoning_tokens',
  'cost_usd',
  'latency_ms',
  'status',
  'attempts',
  'used_fallback',
  'streamed',
  'error_kind',
  'correlation_id',
  'tags',
  'unpriced',
] as const;

function usageCells(r: UsageExportRow): string[] {
  return [
    csvText(r.createdAt.toISOString()),
    csvText(r.requestId),
    csvText(r.apiKeyName),
    r.companyId === null ? '' : csvNumber(r.companyId),
    csvText(r.operation),
    csvText(r.route),
    csvText(r.provider),
    csvText(r.model),
    ...[r.inputTokens, r.outputTokens, r.cacheReadTokens, r.cacheWriteTokens, r.reasoningTokens, r.costUsd, r.latencyMs].map(csvNumber),
    csvText(r.status),
    csvNumber(r.attempts),
    r.usedFallback ? 'true' : 'false',
    r.streamed ? 'true' : 'false',
    csvText(r.errorKind),
    csvText(r.correlationId),
    csvText(r.tags.join(';')),
    r.unpriced ? 'true' : 'false',
  ];
}

/** Raw usage rows as CSV chunks (header first), one chunk per batch read. */
export async function* usageCsv(batches: AsyncIterable<UsageExportRow[]>): AsyncGenerator<string> {
  yield csvHeader(USAGE_COLUMNS);
  for await (const batch of batches) yield batch.map((row) => csvLine(usageCells(row))).join('');
}
