import Redis from 'ioredis';
import { RedisHandle, RedisKvStore } from 'src/infra/redis';
import { RedisPolicyCounters } from 'src/keys/policy/redis-policy-counters';
import { describeCallerPolicy } from 'test/keys/caller-policy-behaviour';
import { uniquePrefix } from './gateway-harness';

// The same behaviour as the unit spec, on the real Redis with the real Lua scripts; "two replicas" are two
// clients, each with its own RedisPolicyCounters, on one namespace.
const clients: Redis[] = [];
afterAll(async () => {
  for (const client of clients) await client.quit().catch(() => client.disconnect());
});

describeCallerPolicy('real Redis', async () => {
  const keyPrefix = uniquePrefix();
  const open = () => {
    const client = new Redis(process.env.TEST_REDIS_URL!, { keyPrefix, lazyConnect: false });
    clients.push(client);
    return client;
  };
  const [main, sub, second] = [open(), open(), open()];
  await Promise.all([main, sub, second].map((c) => (c.status === 'ready' ? undefined : new Promise((r) => c.once('ready', r)))));
  const handles = [new RedisHandle(main, null), new RedisHandle(second, null)];
  let next = 0;
  return { counters: () => new RedisPolicyCounters(handles[next++ % 2]), kv: new RedisKvStore(main, sub, keyPrefix) };
});
