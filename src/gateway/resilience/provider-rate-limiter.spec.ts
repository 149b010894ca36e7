import { RedisHandle } from 'src/infra/redis';
import { ProviderRateLimiter } from './provider-rate-limiter';

const limits = { rpm: 3, tpm: 1000, rpd: 5 };

describe(`${ProviderRateLimiter.name} (per-instance memory mode)`, () => {
  let now: number;
  let sut: ProviderRateLimiter;

  beforeEach(() => {
    now = 6_000_000; // the start of a minute window and of a day window
    sut = new ProviderRateLimiter(new RedisHandle(null, null), { minute: 60_000, day: 600_000 }, () => now);
  });

  describe('tryAcquire', () => {
    it('admits up to the RPM limit, then says how long until the window frees up', async () => {
      const results = [];
      for (let i = 0; i < 4; i++) results.push(await sut.tryAcquire('openai', 10, limits));
      expect(results.map((r) => r.allowed)).toEqual([true, true, true, false]);
      expect(results[2].used).toEqual({ rpm: 3, tpm: 30, rpd: 3 });
      expect(results[3]).toMatchObject({ allowed: false, blockedBy: 'rpm', retryInMs: 60_000 });
      now += 20_000;
      expect((await sut.tryAcquire('openai', 10, limits)).retryInMs).toBe(40_000);
    });

    it('opens a fresh minute window once the old one has passed', async () => {
      for (let i = 0; i < 3; i++) await sut.tryAcquire('openai', 10, limits);
      now += 60_000;
      expect(await sut.tryAcquire('openai', 10, limits)).toMatchObject({ allowed: true, used: { rpm: 1, tpm: 10, rpd: 4 } });
    });

    it('refuses on tokens, but lets one oversized request through an empty window', async () => {
      expect((await sut.tryAcquire('openai', 5000, limits)).allowed).toBe(true);
      expect(await sut.tryAcquire('openai', 1, limits)).toMatchObject({ allowed: false, blockedBy: 'tpm' });
    });

    it('blocks on the daily window after the minutes reset', async () => {
      for (let i = 0; i < 5; i++) {
        expect((await sut.tryAcquire('openai', 1, limits)).allowed).toBe(true);
        if (i === 2) now += 60_000;
      }
      now += 60_000;
      expect(await sut.tryAcquire('openai', 1, limits)).toMatchObject({ allowed: false, blockedBy: 'rpd' });
    });

    it('never charges a refused request and keeps providers apart', async () => {
      for (let i = 0; i < 5; i++) await sut.tryAcquire('openai', 10, limits);
      expect(await sut.usage('openai')).toEqual({ rpm: 3, tpm: 30, rpd: 3 });
      expect(await sut.usage('anthropic')).toEqual({ rpm: 0, tpm: 0, rpd: 0 });
    });
  });

  it('reports room at the end of the clock-aligned window, even when its first request came late', async () => {
    now += 50_000;
    for (let i = 0; i < 3; i++) await sut.tryAcquire('openai', 10, limits);
    now += 4_000;
    expect(await sut.tryAcquire('openai', 10, limits)).toMatchObject({ allowed: false, retryInMs: 6_000 });
    now += 6_000;
    expect((await sut.tryAcquire('openai', 10, limits)).allowed).toBe(true);
  });

  describe('correctTokens', () => {
    it('replaces the estimate with the real usage, never below zero', async () => {
      await sut.tryAcquire('openai', 100, limits);
      await sut.correctTokens('openai', 150);
      expect((await sut.usage('openai')).tpm).toBe(250);
      await sut.correctTokens('openai', -1000);
      expect((await sut.usage('openai')).tpm).toBe(0);
    });

    it('lands in the window the estimate was charged to when the answer comes after that window ended', async () => {
      now += 59_000;
      const check = await sut.tryAcquire('openai', 100, limits);
      now += 2_000;
      await sut.correctTokens('openai', 400, check.chargedAt);
      expect((await sut.usage('openai')).tpm).toBe(0);
      now -= 2_000;
      expect((await sut.usage('openai')).tpm).toBe(500);
    });
  });

  describe('reset', () => {
    it('clears every window of the provider', async () => {
      for (let i = 0; i < 3; i++) await sut.tryAcquire('openai', 10, limits);
      await sut.reset('openai');
      expect((await sut.tryAcquire('openai', 10, limits)).allowed).toBe(true);
    });
  });
});
