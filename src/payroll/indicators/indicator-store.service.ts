import { Injectable, Logger, OnModuleInit } from '@nestjs/common';

import { HealthContribution, HealthContributors } from 'src/health/health-contributors';
import { KvStore } from 'src/infra/redis';

import { INDICATORS_CHANGED_CHANNEL } from '../payroll.constants';
import { PayrollClock } from '../payroll-clock';
import { IndicatorSet } from './indicator-set';
import { IndicatorSetRepository, StoredIndicatorSet } from './indicator-set.repository';
import { loadShippedIndicators } from './shipped-indicators';

/** Longest a process serves cached sets without rereading Postgres, in case an invalidation message was lost. */
const CACHE_MAX_AGE_MS = 5 * 60_000;

interface Snapshot {
  loadedAt: number;
  stored: Map<string, StoredIndicatorSet>;
  sets: Map<string, IndicatorSet>;
}

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

  /** Every stored set keyed by period, as the validator reads them. */
  async sets(): Promise<Map<string, IndicatorSet>> {
    return (await this.current()).sets;
  }

  /** One stored set with its metadata, or undefined. */
  async get(period: string): Promise<StoredIndicatorSet | undefined> {
    return (await this.current()).stored.get(period);
  }

  /** The stored periods, oldest first. */
  async periods(): Promise<string[]> {
    return [...(await this.current()).stored.keys()].sort();
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
    const loading = this.repository.findAll().then((stored) => ({
      loadedAt,
      stored,
      sets: new Map([...stored].map(([period, row]) => [period, row.set])),
    }));
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
