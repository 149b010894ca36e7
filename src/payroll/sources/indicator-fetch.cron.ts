import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';

import { PayrollClock } from '../payroll-clock';
import { IndicatorStore } from '../indicators/indicator-store.service';
import { periodOf } from '../indicators/period';
import { CarriedForwardMonitor } from './carried-forward.monitor';
import { IndicatorRefreshService } from './indicator-refresh.service';
import { PayrollSourceSettings } from './payroll-source.settings';

const FETCH_JOB = 'payroll-indicator-fetch';

/** Schedules the indicator fetch (PAYROLL_FETCH_CRON) and starts one in the background at start-up when the current month is not stored. */
@Injectable()
export class IndicatorFetchCron implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(IndicatorFetchCron.name);

  constructor(
    private readonly registry: SchedulerRegistry,
    private readonly refresh: IndicatorRefreshService,
    private readonly monitor: CarriedForwardMonitor,
    private readonly store: IndicatorStore,
    private readonly settings: PayrollSourceSettings,
    private readonly clock: PayrollClock,
  ) {}

  /** Never awaits the database or the network: start-up goes on while the first check and fetch run (or fail). */
  onApplicationBootstrap(): void {
    if (!this.settings.enabled) {
      this.logger.log('Payroll indicator fetch disabled (PAYROLL_FETCH_ENABLED=false); the admin route still works');
      return;
    }
    const job = CronJob.from({ cronTime: this.settings.cron, onTick: () => void this.run('cron'), start: false });
    this.registry.addCronJob(FETCH_JOB, job as never);
    job.start();
    void this.fetchIfCurrentMonthMissing();
  }

  /** Stops the schedule; a run in flight is not awaited (a slow source must not hold shutdown past SHUTDOWN_TIMEOUT_MS) and only logs if cut short. */
  onModuleDestroy(): void {
    if (this.registry.doesExist('cron', FETCH_JOB)) this.registry.deleteCronJob(FETCH_JOB);
  }

  /** Runs after start-up has gone on: reading the stored months must not hold readiness back. */
  private async fetchIfCurrentMonthMissing(): Promise<void> {
    const current = periodOf(this.clock.now());
    const stored = await this.store.periods().catch(() => [] as string[]);
    if (!stored.includes(current)) await this.run('startup');
  }

  private async run(trigger: 'cron' | 'startup'): Promise<void> {
    try {
      const result = await this.refresh.runOnce(trigger);
      if (result.status === 'already_running') this.logger.debug('Payroll indicator fetch skipped: another replica holds the lock');
      else await this.monitor.check();
    } catch (error) {
      this.logger.error(`Payroll indicator fetch (${trigger}) failed: ${(error as Error).message}`);
    }
  }
}
