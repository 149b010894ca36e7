import { Logger } from '@nestjs/common';

import { HealthContributors } from 'src/health/health-contributors';
import { MemoryKvStore } from 'src/infra/redis/memory-kv-store';

import { PayrollClock } from '../payroll-clock';
import { IndicatorSet } from './indicator-set';
import { AppliedImport, IndicatorSetRepository, StoredIndicatorSet } from './indicator-set.repository';
import { IndicatorStore } from './indicator-store.service';
import { loadShippedIndicators } from './shipped-indicators';

/** Map-backed stand-in for the Postgres repository, counting reads. */
class FakeRepository implements Pick<IndicatorSetRepository, 'findAll' | 'insertMissing' | 'applyImport'> {
  rows = new Map<string, StoredIndicatorSet>();
  reads = 0;
  failNextRead = false;

  async findAll(): Promise<Map<string, StoredIndicatorSet>> {
    this.reads++;
    if (this.failNextRead) {
      this.failNextRead = false;
      throw new Error('database down');
    }
    return new Map(this.rows);
  }

  async insertMissing(sets: IndicatorSet[]): Promise<string[]> {
    const inserted = sets.filter((s) => !this.rows.has(s.period)).map((s) => s.period);
    for (const set of sets) if (!this.rows.has(set.period)) this.put(set, 'shipped');
    return inserted;
  }

  async applyImport(): Promise<AppliedImport> {
    throw new Error('not used');
  }

  put(set: IndicatorSet, importedBy: string): void {
    this.rows.set(set.period, { set, source: 'test', updatedAt: new Date(0), importedBy });
  }
}

class FakeClock extends PayrollClock {
  ms = Date.parse('2026-11-22T12:00:00Z');
  now(): Date {
    return new Date(this.ms);
  }
}

describe(IndicatorStore.name, () => {
  let repository: FakeRepository;
  let kv: MemoryKvStore;
  let health: HealthContributors;
  let clock: FakeClock;
  let sut: IndicatorStore;

  const newStore = () => new IndicatorStore(repository as unknown as IndicatorSetRepository, kv, health, clock);
  const modeloIn = async (store: IndicatorStore) => (await store.sets()).get('2026-03')!.afpCommissionPct.value!.modelo;

  beforeAll(() => Logger.overrideLogger(false));

  beforeEach(async () => {
    repository = new FakeRepository();
    kv = new MemoryKvStore();
    health = new HealthContributors();
    clock = new FakeClock();
    sut = newStore();
    await sut.onModuleInit();
  });

  describe('onModuleInit', () => {
    it('seeds every shipped period and leaves stored ones alone', async () => {
      const edited = loadShippedIndicators().get('2026-03')!;
      edited.utm.value = 1;
      repository.rows.clear();
      repository.put(edited, 'admin');
      await newStore().onModuleInit();
      expect(repository.rows.size).toBe(loadShippedIndicators().size);
      expect(repository.rows.get('2026-03')).toMatchObject({ importedBy: 'admin', set: { utm: { value: 1 } } });
    });

    it('registers the payroll_indicators health entry', async () => {
      expect((await health.collect()).payroll_indicators).toEqual({ status: 'up', periods: 31, latest: '2026-07' });
      repository.rows.clear();
      sut.invalidate();
      expect((await health.collect()).payroll_indicators).toEqual({ status: 'down', periods: 0, latest: null });
    });
  });

  describe('sets', () => {
    it('reads Postgres once and serves later calls from memory', async () => {
      await Promise.all([sut.sets(), sut.sets(), sut.periods()]);
      await sut.get('2026-03');
      expect(repository.reads).toBe(1);
    });

    it('rereads after a change is published, here and on every other replica', async () => {
      const other = newStore();
      await other.onModuleInit();
      expect(await modeloIn(sut)).toBe(0.58);
      expect(await modeloIn(other)).toBe(0.58);
      const raised = loadShippedIndicators().get('2026-03')!;
      raised.afpCommissionPct.value!.modelo = 0.69;
      repository.put(raised, 'admin');
      expect(await modeloIn(other)).toBe(0.58);
      await sut.publishChange('import-1');
      expect(await modeloIn(sut)).toBe(0.69);
      expect(await modeloIn(other)).toBe(0.69);
    });

    it('rereads once the cache is older than five minutes, in case a message was lost', async () => {
      await sut.sets();
      clock.ms += 4 * 60_000;
      await sut.sets();
      expect(repository.reads).toBe(1);
      clock.ms += 2 * 60_000;
      await sut.sets();
      expect(repository.reads).toBe(2);
    });

    it('does not keep a failed read', async () => {
      repository.failNextRead = true;
      await expect(sut.sets()).rejects.toThrow('database down');
      expect((await sut.sets()).size).toBe(35);
    });

    it('serves every month after the latest stored one up to the current month, carried forward, without storing them', async () => {
      expect(await sut.servedPeriods()).toEqual(expect.arrayContaining(['2026-07', '2026-08', '2026-11']));
      expect(await sut.servedPeriods()).not.toContain('2026-12');
      expect(await sut.periods()).not.toContain('2026-11');
      const november = await sut.get('2026-11');
      expect(november).toMatchObject({ source: 'carried_forward', set: { period: '2026-11', utm: { value: 71649, status: 'carried_forward', carriedFrom: '2026-07' } } });
      expect(november!.set.healthPct).toMatchObject({ value: 7, status: 'confirmed' });
      expect(repository.rows.has('2026-11')).toBe(false);
      clock.ms = Date.parse('2026-12-04T12:00:00Z');
      sut.invalidate();
      expect(await sut.servedPeriods()).toContain('2026-12');
    });
  });

  describe('Fonasa/CCAF split of months stored before it shipped', () => {
    it('serves the shipped split with a month stored without one, and a stored split as it is', async () => {
      const seededEarlier = { ...loadShippedIndicators().get('2025-06')! };
      delete seededEarlier.healthSplit;
      repository.put(seededEarlier, 'shipped');
      const fetched = { ...loadShippedIndicators().get('2026-04')!, healthSplit: { value: { fonasaPct: 3, ccafPct: 4 }, source: 'Previred', status: 'confirmed' as const, confirmed: true } };
      repository.put(fetched, 'indicator-fetch');
      sut.invalidate();
      const sets = await sut.sets();
      expect(sets.get('2025-06')!.healthSplit).toMatchObject({ value: { fonasaPct: 3.9, ccafPct: 3.1 }, status: 'confirmed' });
      expect(sets.get('2026-04')!.healthSplit).toMatchObject({ value: { fonasaPct: 3, ccafPct: 4 }, source: 'Previred' });
    });
  });

  describe('publishChange', () => {
    it('still drops the local cache when the message cannot be sent', async () => {
      await sut.sets();
      jest.spyOn(kv, 'publish').mockRejectedValueOnce(new Error('redis down'));
      await expect(sut.publishChange('import-2')).resolves.toBeUndefined();
      await sut.sets();
      expect(repository.reads).toBe(2);
    });
  });
});
