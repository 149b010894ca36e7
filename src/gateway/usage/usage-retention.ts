import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { AppConfig } from 'src/config';
import { SqlClient } from 'src/infra/database';

const JOB = 'usage-retention';
/** Daily at 03:45 UTC, out of office hours in Chile and after the SII monitor's own retention (03:30). */
export const USAGE_RETENTION_CRON = '45 3 * * *';
/** Rows per DELETE: each statement holds its locks briefly, and Odoo's requests keep writing meanwhile. */
const BATCH_ROWS = 5_000;
const DAY_MS = 86_400_000;

export interface UsagePruned {
  before: string;
  usageRows: number;
  quotaAlerts: number;
}

/**
 * USAGE_RETENTION_DAYS (at least 90, so the current and previous budget months always stay whole): once a day,
 * usage rows and quota alerts older than that are deleted, a batch at a time. Unset (the default) keeps every row,
 * since they are the cost records finance exports. Every replica runs the job; deleting the same old rows twice is
 * harmless.
 */
@Injectable()
export class UsageRetention implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(UsageRetention.name);

  constructor(
    private readonly sql: SqlClient,
    private readonly config: AppConfig,
    private readonly registry: SchedulerRegistry,
  ) {}

  onApplicationBootstrap(): void {
    const days = this.config.llm.usageRetentionDays;
    if (days === null) return;
    const job = CronJob.from({
      cronTime: USAGE_RETENTION_CRON,
      timeZone: 'UTC',
      onTick: () => void this.prune().catch((error: Error) => this.logger.error(`Usage retention failed: ${error.message}`)),
      start: false,
    });
    this.registry.addCronJob(JOB, job as never);
    job.start();
    this.logger.log(`Usage rows and quota alerts older than ${days} days are deleted every day at 03:45 UTC (USAGE_RETENTION_DAYS)`);
  }

  onModuleDestroy(): void {
    if (this.registry.doesExist('cron', JOB)) this.registry.deleteCronJob(JOB);
  }

  /** Deletes what was created before `now` minus the retention; null when every row is kept. */
  async prune(now = Date.now()): Promise<UsagePruned | null> {
    const days = this.config.llm.usageRetentionDays;
    if (days === null) return null;
    const before = new Date(now - days * DAY_MS);
    const [usageRows, quotaAlerts] = [await this.deleteBefore('usage_records', before), await this.deleteBefore('quota_alerts', before)];
    this.logger.log(`Usage retention: ${usageRows} usage rows and ${quotaAlerts} quota alerts created before ${before.toISOString()} deleted (${days} days kept)`);
    return { before: before.toISOString(), usageRows, quotaAlerts };
  }

  private async deleteBefore(table: 'usage_records' | 'quota_alerts', before: Date): Promise<number> {
    let deleted = 0;
    for (;;) {
      const batch = await this.sql.execute(`DELETE FROM ${table} WHERE id IN (SELECT id FROM ${table} WHERE created_at < $1 ORDER BY created_at LIMIT ${BATCH_ROWS})`, [before]);
      deleted += batch;
      if (batch < BATCH_ROWS) return deleted;
    }
  }
}
