import type { AppConfig } from 'src/config';
import { MemoryKvStore } from 'src/infra/redis/memory-kv-store';
import { AuthFailureLimiter } from './auth-failure-limiter';

const REREAD_MS = 40;
const config = { auth: { failureLimit: 3, failureWindowMs: 60_000 }, redis: { limitLeaseMs: REREAD_MS } } as AppConfig;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('AuthFailureLimiter', () => {
  it('answers a known address at once, and applies a count another replica raised from the next read on', async () => {
    const shared = new MemoryKvStore(); // the Redis both replicas count in
    const here = new AuthFailureLimiter(shared, config);
    const elsewhere = new AuthFailureLimiter(shared, config);

    expect(await here.blockedForMs('10.0.0.7')).toBe(0); // first sight: read, awaited
    expect(here.blockedForMs('10.0.0.7')).toBe(0); // known and below the limit: no promise at all

    for (let i = 0; i < 4; i++) await elsewhere.recordFailure('10.0.0.7');
    expect(here.blockedForMs('10.0.0.7')).toBe(0); // within LIMIT_LEASE_MS of the last read
    await pause(REREAD_MS + 5);
    expect(here.blockedForMs('10.0.0.7')).toBe(0); // stale: still answers at once, and reads again
    await pause(5);
    const blocked = here.blockedForMs('10.0.0.7');
    expect(blocked).toBeInstanceOf(Promise); // at the limit: every request checks how long the block lasts
    expect(await blocked).toBeGreaterThan(59_000);
  });

  it('counts wrong keys exactly and blocks the address past the limit', async () => {
    const limiter = new AuthFailureLimiter(new MemoryKvStore(), config);
    const waits = [];
    for (let i = 0; i < 4; i++) waits.push(await limiter.recordFailure('10.0.0.8'));
    expect(waits.slice(0, 3)).toEqual([0, 0, 0]);
    expect(waits[3]).toBeGreaterThan(59_000);
    expect(await limiter.blockedForMs('10.0.0.8')).toBeGreaterThan(59_000);
    expect(await limiter.blockedForMs('10.0.0.9')).toBe(0); // another address is not affected
  });
});
