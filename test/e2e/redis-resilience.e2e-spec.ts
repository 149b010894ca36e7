import Redis from 'ioredis';
import { SharedCircuitBreakers } from 'src/gateway/resilience/circuit-breaker';
import { ProviderRateLimiter } from 'src/gateway/resilience/provider-rate-limiter';
import { RedisHandle, RedisKvStore, waitReady } from 'src/infra/redis';
import { uniquePrefix } from './gateway-harness';

const limits = { rpm: 100, tpm: 100_000, rpd: 1000 };

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
    const replicas = [
      new ProviderRateLimiter(new RedisHandle(await connect(prefix), null), { minute: 60_000, day: 600_000 }),
      new ProviderRateLimiter(new RedisHandle(await connect(prefix), null), { minute: 60_000, day: 600_000 }),
    ];
    const checks = await Promise.all(Array.from({ length: 30 }, (_, i) => replicas[i % 2].tryAcquire('openai', 1, { ...limits, rpm: 20 })));
    expect(checks.filter((c) => c.allowed)).toHaveLength(20);
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
