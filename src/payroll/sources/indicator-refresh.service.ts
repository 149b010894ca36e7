import { randomUUID } from 'node:crypto';

import { Injectable, Logger } from '@nestjs/common';

import { KvStore } from 'src/infra/redis';

import { PayrollClock } from '../payroll-clock';
import { describeChange, PeriodChange } from '../indicators/indicator-changes';
import { INDICATOR_KEYS, IndicatorSet } from '../indicators/indicator-set';
import { IndicatorSetRepository } from '../indicators/indicator-set.repository';
import { IndicatorStore } from '../indicators/indicator-store.service';
import { addMonths, periodOf } from '../indicators/period';
import { applyFetched, monthBase } from './apply-fetched';
import { IndicatorCollector, Refusal, SourceOutcome } from './indicator-collector';

/** Who started a fetch run. */
export type FetchTrigger = 'cron' | 'startup' | 'admin';

/** What one fetch run did; the last one is kept for the admin. */
export interface FetchRunReport {
  status: 'success' | 'partial' | 'error';
  run_id: string;
  trigger: FetchTrigger;
  started_at: string;
  finished_at: string;
  periods_checked: string[];
  sources: SourceOutcome[];
  /** Values read but not accepted (second source disagrees, implausible value), with the reason. */
  refused: Refusal[];
  /** Values an admin imported that the sources would have changed. */
  kept_imported: Array<{ period: string; keys: string[] }>;
  changes: PeriodChange[];
  /** Per checked month, the indicators still carried forward after the run. */
  carried_forward: Record<string, string[]>;
}

/** Answer when another replica holds the fetch lock. */
export interface FetchAlreadyRunning {
  status: 'already_running';
  trigger: FetchTrigger;
}

const LOCK_KEY = 'payroll:indicators:fetch-lock';
const LOCK_TTL_MS = 5 * 60_000;
const LAST_REPORT_KEY = 'payroll:indicators:last-fetch';
/** How far back a run re-checks months (corrections, late publications). */
const RECHECK_MONTHS = 2;
const OLDEST_MONTHS = 12;

/** Fetches the official sources and writes upgraded months, one run at a time across replicas. */
@Injectable()
export class IndicatorRefreshService {
  private readonly logger = new Logger(IndicatorRefreshService.name);

  constructor(
    private readonly kv: KvStore,
    private readonly repository: IndicatorSetRepository,
    private readonly store: IndicatorStore,
    private readonly collector: IndicatorCollector,
    private readonly clock: PayrollClock,
  ) {}

  /** One run under the cross-replica lock; `already_running` when another replica holds it. */
  async runOnce(trigger: FetchTrigger): Promise<FetchRunReport | FetchAlreadyRunning> {
    const token = randomUUID();
    if (!(await this.kv.setIfAbsent(LOCK_KEY, token, LOCK_TTL_MS))) return { status: 'already_running', trigger };
    const renew = setInterval(() => void this.kv.expire(LOCK_KEY, LOCK_TTL_MS).catch(() => undefined), LOCK_TTL_MS / 3);
    renew.unref();
    try {
      const report = await this.run(trigger, token);
      await this.kv.set(LAST_REPORT_KEY, JSON.stringify(report)).catch(() => undefined);
      return report;
    } finally {
      clearInterval(renew);
      await this.kv.delIfEquals(LOCK_KEY, token).catch(() => undefined);
    }
  }

  /** The report of the last run on any replica, or null. */
  async lastReport(): Promise<FetchRunReport | null> {
    const raw = await this.kv.get(LAST_REPORT_KEY).catch(() => null);
    return raw ? (JSON.parse(raw) as FetchRunReport) : null;
  }

  /** The months a run checks: from the latest stored one (at most a year back), or the last two, up to the current month. */
  static periodsToCheck(stored: readonly string[], current: string): string[] {
    const latest =
      stored
        .filter((p) => p <= current)
        .sort()
        .at(-1) ?? addMonths(current, -RECHECK_MONTHS);
    let start = latest < addMonths(current, -RECHECK_MONTHS) ? latest : addMonths(current, -RECHECK_MONTHS);
    if (start < addMonths(current, -OLDEST_MONTHS)) start = addMonths(current, -OLDEST_MONTHS);
    const periods: string[] = [];
    for (let p = start; p <= current; p = addMonths(p, 1)) periods.push(p);
    return periods;
  }

  private async run(trigger: FetchTrigger, runId: string): Promise<FetchRunReport> {
    const startedAt = this.clock.now();
    const stored = await this.repository.findAll();
    const periods = IndicatorRefreshService.periodsToCheck([...stored.keys()], periodOf(startedAt));
    const collection = await this.collector.collect(periods);
    const refused = [...collection.refusals];
    const keptImported: FetchRunReport['kept_imported'] = [];
    const carried: Record<string, string[]> = {};
    const writes: IndicatorSet[] = [];
    const changes: PeriodChange[] = [];
    let previous = [...stored.values()]
      .map((s) => s.set)
      .filter((s) => s.period < periods[0])
      .at(-1);
    for (const period of periods) {
      const own = stored.get(period)?.set;
      const base = monthBase(own, previous, period);
      if (!base) continue;
      const applied = applyFetched(base, collection.values.get(period) ?? []);
      refused.push(...applied.refusals);
      if (applied.keptImported.length > 0) keptImported.push({ period, keys: applied.keptImported });
      carried[period] = INDICATOR_KEYS.filter((key) => applied.set[key].status === 'carried_forward');
      const change = describeChange(period, own ?? null, applied.set);
      const fetchedSomething = (collection.values.get(period) ?? []).length > 0;
      if (change.action !== 'unchanged' && (own || fetchedSomething)) {
        writes.push(applied.set);
        changes.push(change);
      }
      previous = applied.set;
    }
    if (writes.length > 0) {
      const applied = await this.repository.applyImport(writes, 'indicator-fetch', 'fetch', 'fetch');
      await this.store.publishChange(applied.importId);
    }
    const failed = collection.sources.filter((s) => !s.ok).length;
    const status = failed === 0 ? 'success' : failed === collection.sources.length ? 'error' : 'partial';
    this.logger.log(`Payroll indicator fetch (${trigger}): ${status}, ${changes.length} month(s) changed, ${refused.length} value(s) refused`);
    return {
      status,
      run_id: runId,
      trigger,
      started_at: startedAt.toISOString(),
      finished_at: this.clock.now().toISOString(),
      periods_checked: periods,
      sources: collection.sources,
      refused,
      kept_imported: keptImported,
      changes,
      carried_forward: carried,
    };
  }
}
