import { Injectable, Logger, OnModuleInit } from '@nestjs/common';

import { HealthContribution, HealthContributors } from 'src/health/health-contributors';
import { KvStore } from 'src/infra/redis';

import { INDICATORS_CHANGED_CHANNEL } from '../payroll.constants';
import { PayrollClock } from '../payroll-clock';
import { carriedForwardMonths } from './carry-forward';
import { IndicatorSet } from './indicator-set';
import { IndicatorSetRepository, StoredIndicatorSet } from './indicator-set.repository';
import { periodOf } from './period';
import { loadShippedIndicators, withShippedHealthSplit } from './shipped-indicators';

/** Longest a process serves cached sets without rereading Postgres, in case an invalidation message was lost. */
const CACHE_MAX_AGE_MS = 5 * 60_000;

interface Snapshot {
  loadedAt: number;
  stored: Map<string, StoredIndicatorSet>;
  /** Stored sets plus the months up to the current one carried forward from the latest stored month. */
  served: Map<string, StoredIndicatorSet>;
  sets: Map<string, IndicatorSet>;
}

/** The source name of a month served by carrying the previous one forward. */
export const CARRIED_FORWARD_SOURCE = 'carried_forward';

/**
 * Indicator sets as stored in Postgres, cached per process. Seeds the shipped periods on start; an import anywhere
 * drops every replica's cache through a KvStore message, so the next read sees it without a restart.
 */
@Injectable()
export class IndicatorStore implements OnModuleInit {
  private readonly logger = new Logger(IndicatorStore.name);
  private snapshot: Promise<Snapshot> | null = null;

  constructor(
    private readonly repository: IndicatorSetRepository,
    private readonly kv: KvStore,
    private readonly health: HealthContributors,
    private readonly clock: PayrollClock,
  ) {}

  /** Inserts shipped periods not stored yet, listens for imports from other replicas and registers the health entry. */
  async onModuleInit(): Promise<void> {
    const inserted = await this.repository.insertMissing([...loadShippedIndicators().values()]);
    if (inserted.length > 0) this.logger.log(`Seeded payroll indicators for ${inserted.length} period(s): ${inserted[0]}..${inserted.at(-1)}`);
    await this.kv.subscribe(INDICATORS_CHANGED_CHANNEL, () => this.invalidate());
    this.health.register('payroll_indicators', () => this.healthEntry());
  }

  /** Every served set keyed by period (stored, then carried forward up to the current month), as the validator reads them. */
  async sets(): Promise<Map<string, IndicatorSet>> {
    return (await this.current()).sets;
  }

  /** One served set with its metadata (stored, or carried forward up to the current month), or undefined. */
  async get(period: string): Promise<StoredIndicatorSet | undefined> {
    return (await this.current()).served.get(period);
  }

  /** The stored periods, oldest first. */
  async periods(): Promise<string[]> {
    return [...(await this.current()).stored.keys()].sort();
  }

  /** The served periods (stored plus carried forward up to the current month), oldest first. */
  async servedPeriods(): Promise<string[]> {
    return [...(await this.current()).served.keys()].sort();
  }

  /** Drops this process's cache and tells the other replicas to drop theirs; a lost message only delays them by the cache age. */
  async publishChange(importId: string): Promise<void> {
    this.invalidate();
    try {
      await this.kv.publish(INDICATORS_CHANGED_CHANNEL, importId);
    } catch (error) {
      this.logger.warn(`Could not announce indicator import ${importId} to other replicas: ${(error as Error).message}`);
    }
  }

  /** Forgets the cached sets; the next read goes to Postgres. */
  invalidate(): void {
    this.snapshot = null;
  }

  private async current(): Promise<Snapshot> {
    const pending = this.snapshot ?? this.reload();
    const snap = await pending;
    const stale = this.clock.now().getTime() - snap.loadedAt > CACHE_MAX_AGE_MS;
    return stale && this.snapshot === pending ? this.reload() : snap;
  }

  private reload(): Promise<Snapshot> {
    const loadedAt = this.clock.now().getTime();
    const loading = this.repository.findAll().then((stored) => {
      for (const row of stored.values()) row.set = withShippedHealthSplit(row.set);
      const storedSets = new Map([...stored].map(([period, row]) => [period, row.set]));
      const served = new Map(stored);
      for (const set of carriedForwardMonths(storedSets, periodOf(new Date(loadedAt)))) {
        served.set(set.period, { set, source: CARRIED_FORWARD_SOURCE, updatedAt: new Date(loadedAt), importedBy: CARRIED_FORWARD_SOURCE });
      }
      return { loadedAt, stored, served, sets: new Map([...served].map(([period, row]) => [period, row.set])) };
    });
    this.snapshot = loading;
    loading.catch(() => {
      if (this.snapshot === loading) this.snapshot = null;
    });
    return loading;
  }

  private async healthEntry(): Promise<HealthContribution> {
    const periods = await this.periods();
    return { status: periods.length > 0 ? 'up' : 'down', periods: periods.length, latest: periods.at(-1) ?? null };
  }
}
