import { Injectable, Logger, StreamableFile } from '@nestjs/common';
import { Readable } from 'node:stream';
import type { Caller } from 'src/common/auth';
import { RequestValidationError } from 'src/common/errors';
import { UsageWriterService } from 'src/gateway/usage/usage-writer.service';
import { AdminAuditRepository } from '../admin-audit.repository';
import { UsageRepository, UsageScope } from 'src/usage';
import { DayRange, parseDayRange, parseReportQuery, Parsed } from './report-query';
import { reportCsv, reportJson, usageCsv } from './report-writer';

/** Streams the finance report and the raw usage export; nothing is held in memory beyond one batch. */
@Injectable()
export class CostsReportService {
  private readonly logger = new Logger(CostsReportService.name);

  constructor(
    private readonly usage: UsageRepository,
    private readonly writer: UsageWriterService,
    private readonly audit: AdminAuditRepository,
  ) {}

  /** The finance report for a caller: keys bound to companies only see those companies' rows. */
  async report(caller: Caller, raw: { from?: string; to?: string; groupBy?: string; format?: string }): Promise<StreamableFile> {
    const query = valid(parseReportQuery(raw));
    await this.writer.flush();
    const batches = this.usage.groupedBatches(UsageScope.of(caller), { from: query.from, toExclusive: query.toExclusive }, query.groupBy);
    if (query.format === 'json') return this.stream(reportJson(query, batches), 'application/json; charset=utf-8');
    const filename = `costs-${query.fromDay}-to-${query.toDay}-by-${query.groupBy}.csv`;
    return this.stream(reportCsv(query, batches), 'text/csv; charset=utf-8', filename);
  }

  /** Every usage row of the range as CSV; the export itself is audited before the first byte is sent. */
  async usageExport(caller: Caller, raw: { from?: string; to?: string }): Promise<StreamableFile> {
    const range: DayRange = valid(parseDayRange(raw));
    await this.writer.flush();
    await this.audit.record({ keyName: caller.keyName, action: 'usage.export', target: `${range.fromDay}..${range.toDay}` });
    const batches = this.usage.rowBatches(UsageScope.of(caller), { from: range.from, toExclusive: range.toExclusive });
    return this.stream(usageCsv(batches), 'text/csv; charset=utf-8', `usage-${range.fromDay}-to-${range.toDay}.csv`);
  }

  private stream(chunks: AsyncGenerator<string>, type: string, filename?: string): StreamableFile {
    const body = Readable.from(chunks, { objectMode: false });
    body.on('error', (error) => this.logger.error(`report stream failed after headers were sent: ${error.message}`));
    return new StreamableFile(body, { type, disposition: filename ? `attachment; filename="${filename}"` : undefined });
  }
}

function valid<T>(parsed: Parsed<T>): T {
  if (!parsed.ok) throw new RequestValidationError(parsed.problems);
  return parsed.value;
}
