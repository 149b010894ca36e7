import { SchedulerRegistry } from '@nestjs/schedule';

import { PayrollClock } from '../payroll-clock';
import type { IndicatorStore } from '../indicators/indicator-store.service';
import type { CarriedForwardMonitor } from './carried-forward.monitor';
import { IndicatorFetchCron } from './indicator-fetch.cron';
import type { IndicatorRefreshService } from './indicator-refresh.service';
import type { PayrollSourceSettings } from './payroll-source.settings';

const DECEMBER = new Date('2026-12-06T08:00:00Z');

function cronWith(storedPeriods: Promise<string[]>) {
  const runs: string[] = [];
  const refresh = { runOnce: async (trigger: string) => (runs.push(trigger), { status: 'ok', trigger }) } as unknown as IndicatorRefreshService;
  const monitor = { check: async () => undefined } as unknown as CarriedForwardMonitor;
  const store = { periods: () => storedPeriods } as unknown as IndicatorStore;
  const settings = { enabled: true, cron: '0 9 * * *' } as PayrollSourceSettings;
  const clock = new (class extends PayrollClock {
    now = () => DECEMBER;
  })();
  const registry = new SchedulerRegistry();
  return { cron: new IndicatorFetchCron(registry, refresh, monitor, store, settings, clock), runs };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('IndicatorFetchCron at start-up', () => {
  it('does not hold start-up while the stored months are read, then fetches the missing current month', async () => {
    let answer!: (periods: string[]) => void;
    const { cron, runs } = cronWith(new Promise((resolve) => (answer = resolve)));

    expect(cron.onApplicationBootstrap()).toBeUndefined();
    await settle();
    expect(runs).toEqual([]);

    answer(['2026-10', '2026-11']);
    await settle();
    expect(runs).toEqual(['startup']);
    cron.onModuleDestroy();
  });

  it('does not fetch when the current month is stored', async () => {
    const { cron, runs } = cronWith(Promise.resolve(['2026-11', '2026-12']));
    cron.onApplicationBootstrap();
    await settle();
    expect(runs).toEqual([]);
    cron.onModuleDestroy();
  });

  it('fetches when the stored months cannot be read (the database is down at start)', async () => {
    const { cron, runs } = cronWith(Promise.reject(new Error('connect ECONNREFUSED')));
    cron.onApplicationBootstrap();
    await settle();
    expect(runs).toEqual(['startup']);
    cron.onModuleDestroy();
  });
});
