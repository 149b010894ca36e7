import { MemoryKvStore } from 'src/infra/redis';
import type { QuotaAlertEvent } from '../gateway.events';
import { QuotaMonitor } from './quota-monitor';

const limits = { rpm: 100, tpm: 1_000_000, rpd: 1_000_000 };
const usage = (rpm: number) => ({ rpm, tpm: 0, rpd: 0 });

describe(QuotaMonitor.name, () => {
  let now: number;
  let emitted: QuotaAlertEvent[];
  let kv: MemoryKvStore;
  let sut: QuotaMonitor;

  beforeEach(() => {
    now = 60_000 * 1000;
    emitted = [];
    kv = new MemoryKvStore(() => now);
    sut = new QuotaMonitor(
      kv,
      { minute: 60_000, day: 86_400_000 },
      (alert) => emitted.push(alert),
      () => now,
    );
  });

  describe('observe', () => {
    it('stays quiet below 80 %', async () => {
      for (const used of [10, 50, 79]) await sut.observe('openai', usage(used), limits);
      expect(emitted).toEqual([]);
    });

    it('warns at 80 % and raises a critical alert at 95 %, each once per window', async () => {
      for (const used of [79, 80, 81, 90, 95, 96, 100]) await sut.observe('openai', usage(used), limits);
      expect(emitted.map((a) => [a.level, a.used])).toEqual([
        ['warning', 80],
        ['critical', 95],
      ]);
      expect(emitted[0]).toMatchObject({ provider: 'openai', window: 'rpm', limit: 100, message: 'openai RPM at 80% of 100 (threshold 80%)' });
      expect(sut.recent.map((a) => a.level)).toEqual(['critical', 'warning']);
    });

    it('announces both levels when usage jumps straight past 95 %', async () => {
      await sut.observe('openai', usage(97), limits);
      expect(emitted.map((a) => a.level)).toEqual(['warning', 'critical']);
    });

    it('alerts again in the next window, and per provider', async () => {
      await sut.observe('openai', usage(85), limits);
      await sut.observe('anthropic', usage(85), limits);
      now += 60_000;
      await sut.observe('openai', usage(85), limits);
      expect(emitted.map((a) => a.provider)).toEqual(['openai', 'anthropic', 'openai']);
    });

    it('asks the shared store once per level and window, not on every request above the threshold', async () => {
      const claims = jest.spyOn(kv, 'setIfAbsent');
      for (let i = 0; i < 5; i += 1) await sut.observe('openai', usage(97), limits);
      expect(claims).toHaveBeenCalledTimes(2);
      now += 60_000;
      await sut.observe('openai', usage(97), limits);
      expect(claims).toHaveBeenCalledTimes(4);
    });

    it('stays quiet when another replica already announced the level', async () => {
      await new QuotaMonitor(
        kv,
        { minute: 60_000, day: 86_400_000 },
        () => undefined,
        () => now,
      ).observe('openai', usage(85), limits);
      await sut.observe('openai', usage(85), limits);
      await sut.observe('openai', usage(86), limits);
      expect(emitted).toEqual([]);
    });

    it('watches the token and daily windows too', async () => {
      await sut.observe('gemini', { rpm: 1, tpm: 960_000, rpd: 800_000 }, limits);
      expect(emitted.map((a) => [a.window, a.level])).toEqual([
        ['tpm', 'warning'],
        ['tpm', 'critical'],
        ['rpd', 'warning'],
      ]);
    });
  });
});
