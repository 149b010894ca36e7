import Redis from 'ioredis';
import { SharedCircuitBreakers } from 'src/gateway/resilience/circuit-breaker';
import { ProviderRateLimiter } from 'src/gateway/resilience/provider-rate-limiter';
import { ResilientThrottlerStorage } from 'src/common/throttling/resilient-throttler.storage';
import { CounterLeases, RedisHandle, RedisKvStore, waitReady } from 'src/infra/redis';
import { uniquePrefix } from './gateway-harness';

const limits = { rpm: 100, tpm: 100_000, rpd: 1000 };

/**
 * A clock that runs at real speed but starts one second into a minute, so a test's requests never straddle
 * two rate windows (on the wall clock one test in a few crosses a minute boundary and gets a fresh window).
 */
const clockAtMinuteStart = () => {
  const started = Date.now();
  const origin = (Math.floor(started / 60_000) + 1) * 60_000 + 1_000;
  const now = () => origin + (Date.now() - started);
  return { now, minute: Math.floor(origin / 60_000) };
};

/** Limiter and breakers of two replicas on the run's real Redis (one key prefix per test). */
describe('Rate limits and breakers on a shared Redis', () => {
  const clients: Redis[] = [];
  const connect = async (prefix: string) => {
    const client = new Redis(process.env.TEST_REDIS_URL!, { keyPrefix: prefix, enableAutoPipelining: true });
    clients.push(client);
    await waitReady(client, 5000);
    return client;
  };
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.quit()));
  });

  it('charges a late TPM correction to the window the estimate was charged to, not the current one', async () => {
    let now = 6_000_000 + 59_000;
    const prefix = uniquePrefix();
    const limiter = new ProviderRateLimiter(new RedisHandle(await connect(prefix), null), { minute: 60_000, day: 600_000 }, () => now);
    const check = await limiter.tryAcquire('openai', 100, limits);
    now += 2_000;
    await limiter.tryAcquire('openai', 10, limits);
    await limiter.correctTokens('openai', 400, check.chargedAt);
    const reader = await connect(prefix);
    const minute = Math.floor((6_000_000 + 59_000) / 60_000);
    expect([await reader.get(`rl:openai:tpm:${minute}`), await reader.get(`rl:openai:tpm:${minute + 1}`)]).toEqual(['500', '10']);
  });

  it('admits concurrent requests of two replicas up to one shared RPM limit', async () => {
    const prefix = uniquePrefix();
    const { now } = clockAtMinuteStart();
    const replicas = [
      new ProviderRateLimiter(new RedisHandle(await connect(prefix), null), { minute: 60_000, day: 600_000 }, now),
      new ProviderRateLimiter(new RedisHandle(await connect(prefix), null), { minute: 60_000, day: 600_000 }, now),
    ];
    const checks = await Promise.all(Array.from({ length: 30 }, (_, i) => replicas[i % 2].tryAcquire('openai', 1, { ...limits, rpm: 20 })));
    expect(checks.filter((c) => c.allowed)).toHaveLength(20);
  });

  describe('with leases (LIMIT_LEASE_MS)', () => {
    /** A replica's client whose commands are counted, to see how many requests needed a round trip. */
    const countedClient = async (prefix: string) => {
      const client = await connect(prefix);
      const sent = { commands: 0 };
      const send = client.sendCommand.bind(client);
      client.sendCommand = ((...args: Parameters<typeof send>) => {
        sent.commands++;
        return send(...args);
      }) as typeof client.sendCommand;
      return { client, sent };
    };

    it('admits exactly one shared RPM limit across two replicas while most requests skip Redis', async () => {
      const prefix = uniquePrefix();
      const [a, b] = [await countedClient(prefix), await countedClient(prefix)];
      const { now, minute } = clockAtMinuteStart();
      const replicas = [a, b].map(({ client }) => new ProviderRateLimiter(new RedisHandle(client, null), { minute: 60_000, day: 600_000 }, now, new CounterLeases(100, now)));
      const allowed = [0, 0];
      // Bursts of 5 per replica, interleaved: 1,500 requests against a limit of 1,000.
      for (let round = 0; round < 150; round++) {
        for (const [i, replica] of replicas.entries()) {
          const checks = await Promise.all(Array.from({ length: 5 }, () => replica.tryAcquire('openai', 10, { rpm: 1000, tpm: 10_000_000, rpd: 100_000 })));
          allowed[i] += checks.filter((c) => c.allowed).length;
        }
      }
      expect(allowed[0] + allowed[1]).toBe(1000);
      expect(Math.min(...allowed)).toBeGreaterThan(300);
      const reader = await connect(prefix);
      expect(Number(await reader.get(`rl:openai:rpm:${minute}`))).toBeLessThanOrEqual(1000);
      expect(a.sent.commands + b.sent.commands).toBeLessThan(750);
    });

    it('refuses a token request larger than the lease through the exact check, and folds corrections into the lease', async () => {
      const prefix = uniquePrefix();
      const { now, minute } = clockAtMinuteStart();
      const limiter = new ProviderRateLimiter(new RedisHandle(await connect(prefix), null), { minute: 60_000, day: 600_000 }, now, new CounterLeases(100, now));
      const tight = { rpm: 1000, tpm: 1000, rpd: 100_000 };
      for (let i = 0; i < 20; i++) expect((await limiter.tryAcquire('openai', 10, tight)).allowed).toBe(true);
      await limiter.correctTokens('openai', 500);
      expect(await limiter.tryAcquire('openai', 500, tight)).toMatchObject({ allowed: false, blockedBy: 'tpm' });
      // What the replica holds as lease is charged; together with the requests and the correction it never passes the limit.
      const reader = await connect(prefix);
      expect(Number(await reader.get(`rl:openai:tpm:${minute}`))).toBeLessThanOrEqual(1000);
      expect(Number(await reader.get(`rl:openai:tpm:${minute}`))).toBeGreaterThanOrEqual(700);
    });

    /** One request every 10 ms: a lease's top-up has the time to land between two requests. */
    const steadily = async (requests: number, request: () => Promise<boolean>) => {
      let waited = 0;
      for (let i = 0; i < requests; i++) {
        if (await request()) waited++;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return waited;
    };

    /** `steadily` through a limiter: each request charged from the lease at once, or else through the exact check (and admitted). */
    const acquiredSteadily = (limiter: ProviderRateLimiter, requests: number, limits: { rpm: number; tpm: number; rpd: number }) =>
      steadily(requests, async () => {
        if (limiter.tryAcquireNow('openai', 10, limits)) return false;
        expect((await limiter.tryAcquire('openai', 10, limits)).allowed).toBe(true);
        return true;
      });

    it('tops up a lease before it runs out, so a steady stream of requests does not wait for Redis after the first', async () => {
      const prefix = uniquePrefix();
      const { now, minute } = clockAtMinuteStart();
      const leases = new CounterLeases(100, now);
      const limiter = new ProviderRateLimiter(new RedisHandle(await connect(prefix), null), { minute: 60_000, day: 600_000 }, now, leases);
      const roomy = { rpm: 100_000, tpm: 10_000_000, rpd: 1_000_000 };
      const waited = await acquiredSteadily(limiter, 60, roomy);
      // Without top-ups, one request in every lease (4–6 requests here) waited for the next.
      expect(waited).toBeLessThanOrEqual(2);
      const reader = await connect(prefix);
      const key = `rl:openai:rpm:${minute}`;
      await new Promise((resolve) => setTimeout(resolve, 20)); // the last top-up, if one is under way
      // The shared count holds every request and what this replica still holds as lease, and still expires.
      expect(Number(await reader.get(key))).toBe(60 + leases.held(key));
      expect(await reader.pttl(key)).toBeGreaterThan(0);
    });

    it('admits a steady stream up to a limit with top-ups under way, and refuses the request past it', async () => {
      const prefix = uniquePrefix();
      const client = await connect(prefix);
      const { now } = clockAtMinuteStart();
      const limiter = new ProviderRateLimiter(new RedisHandle(client, null), { minute: 60_000, day: 600_000 }, now, new CounterLeases(100, now));
      const nearDailyLimit = { rpm: 100_000, tpm: 10_000_000, rpd: 40 };
      const waited = await acquiredSteadily(limiter, 40, nearDailyLimit);
      // Leases shrink to a quarter of the room left, so the last requests take the exact path.
      expect(waited).toBeLessThanOrEqual(8);
      expect(await limiter.tryAcquire('openai', 10, nearDailyLimit)).toMatchObject({ allowed: false, blockedBy: 'rpd' });
    });

    it('tops up a throttle lease without counting a hit or setting a block, and still refuses the hit past the limit', async () => {
      const prefix = uniquePrefix();
      const client = await connect(prefix);
      const storage = new ResilientThrottlerStorage(new RedisHandle(client, null), new CounterLeases(100));
      const hit = () => storage.incrementNow('throttle:chat:key:odoo', 40, 'default') ?? storage.increment('throttle:chat:key:odoo', 60_000, 40, 60_000, 'default');
      const hits: number[] = [];
      const waited = await steadily(40, async () => {
        const now = storage.incrementNow('throttle:chat:key:odoo', 40, 'default');
        const record = now ?? (await storage.increment('throttle:chat:key:odoo', 60_000, 40, 60_000, 'default'));
        expect(record.isBlocked).toBe(false);
        hits.push(record.totalHits);
        return now === undefined;
      });
      // Near the limit leases shrink to a quarter of the room left, so the last hits take the exact path.
      expect(waited).toBeLessThanOrEqual(8);
      expect(new Set(hits).size).toBe(40);
      expect(Math.max(...hits)).toBe(40);
      expect(await client.exists('{throttle:chat:key:odoo:default}:blocked')).toBe(0);
      expect(await client.pttl('{throttle:chat:key:odoo:default}:hits')).toBeGreaterThan(0);
      expect((await hit()).isBlocked).toBe(true);
    });

    it('throttles two replicas at one shared HTTP limit, counting most hits from leases', async () => {
      const prefix = uniquePrefix();
      const [a, b] = [await countedClient(prefix), await countedClient(prefix)];
      const storages = [a, b].map(({ client }) => new ResilientThrottlerStorage(new RedisHandle(client, null), new CounterLeases(100)));
      let passed = 0;
      for (let round = 0; round < 80; round++) {
        for (const storage of storages) {
          const records = await Promise.all(Array.from({ length: 5 }, () => storage.increment('throttle:chat:key:odoo', 60_000, 500, 60_000, 'default')));
          passed += records.filter((r) => !r.isBlocked && r.totalHits <= 500).length;
          expect(records.every((r) => r.timeToExpire > 0 && r.timeToExpire <= 60)).toBe(true);
        }
      }
      expect(passed).toBe(500);
      expect(a.sent.commands + b.sent.commands).toBeLessThan(400);
    });
  });

  it('resets the shared failure count when a replica that saw no failure gets a good answer', async () => {
    const prefix = uniquePrefix();
    const replica = async () => {
      const breakers = new SharedCircuitBreakers(new RedisKvStore(await connect(prefix), await connect(prefix), prefix), { failureThreshold: 5, openMs: 10_000 });
      await breakers.start(['openai']);
      return breakers;
    };
    const [a, b] = [await replica(), await replica()];
    for (let i = 0; i < 4; i++) await a.recordFailure('openai');
    await new Promise((resolve) => setTimeout(resolve, 100));
    await b.recordSuccess('openai');
    const states = [];
    for (let i = 0; i < 4; i++) states.push(await a.recordFailure('openai'));
    expect(states).not.toContain('open');
  });
});
