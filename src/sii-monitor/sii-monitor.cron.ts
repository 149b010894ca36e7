import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';

import { SII_RETENTION_CRON } from './sii-monitor.constants';
import { SiiMonitorRepository } from './sii-monitor.repository';
import { SiiClock, SiiMonitorService } from './sii-monitor.service';
import { SiiMonitorSettings } from './sii-monitor.settings';

const MONITOR_JOB = 'sii-monitor';
const RETENTION_JOB = 'sii-monitor-retention';
const DAY_MS = 86_400_000;

/** Schedules the monitor (SII_MONITOR_CRON) and the daily retention job; both only delegate. */
@Injectable()
export class SiiMonitorCron implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(SiiMonitorCron.name);

  constructor(
    private readonly registry: SchedulerRegistry,
    private readonly service: SiiMonitorService,
    private readonly repository: SiiMonitorRepository,
    private readonly settings: SiiMonitorSettings,
    private readonly clock: SiiClock,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.settings.enabled) {
      this.logger.log('SII monitor disabled (SII_MONITOR_ENABLED=false); manual runs still work');
      return;
    }
    this.schedule(MONITOR_JOB, this.settings.cron, () => this.runScheduled());
    this.schedule(RETENTION_JOB, SII_RETENTION_CRON, () => this.prune());
  }

  onModuleDestroy(): void {
    for (const name of [MONITOR_JOB, RETENTION_JOB]) {
      if (this.registry.doesExist('cron', name)) this.registry.deleteCronJob(name);
    }
  }

  /** The scheduled run; a run held by another replica is skipped quietly. */
  async runScheduled(): Promise<void> {
    const result = await this.service.runOnce({ trigger: 'cron' });
    if (result.status === 'already_running') this.logger.debug('SII run skipped: another run holds the lock');
    else this.logger.log(`SII run ${result.runId}: ${result.status}, ${result.counts.newItems} new, ${result.counts.notified} notified`);
  }

  /** Deletes items no longer listed and runs older than SII_RETENTION_DAYS (at least 90). */
  async prune(): Promise<{ items: number; runs: number }> {
    const days = Math.max(this.settings.retentionDays, 90);
    const pruned = await this.repository.prune(new Date(this.clock.now().getTime() - days * DAY_MS));
    this.logger.log(`SII retention: ${pruned.items} items and ${pruned.runs} runs older than ${days} days removed`);
    return pruned;
  }

  private schedule(name: string, expression: string, task: () => Promise<unknown>): void {
    const job = CronJob.from({
      cronTime: expression,
      onTick: () => void task().catch((error: Error) => this.logger.error(`${name} failed: ${error.message}`)),
      start: false,
    });
    this.registry.addCronJob(name, job as never);
    job.start();
  }
}
