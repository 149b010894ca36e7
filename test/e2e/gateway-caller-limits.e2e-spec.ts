import { randomUUID } from 'node:crypto';
import OpenAI from 'openai';
import { Emulator, startEmulator } from 'test/emulator/emulator';
import { eventually, GatewayApp, startGatewayApp, uniquePrefix } from './gateway-harness';
import { ADMIN_KEY, bearer } from './setup';

jest.setTimeout(60_000);

const admin = bearer(ADMIN_KEY);
const suffix = () => randomUUID().slice(0, 8);
const hello = [{ role: 'user' as const, content: 'hola' }];

/** Keys managed at runtime, enforced on real gateway calls by two instances sharing Postgres and Redis. */
describe('Per-key limits and budgets through the gateway (two instances)', () => {
  let emulator: Emulator;
  let a: GatewayApp;
  let b: GatewayApp;

  beforeAll(async () => {
    emulator = await startEmulator({});
    const env = { REDIS_KEY_PREFIX: uniquePrefix(), KEYS_REFRESH_MS: '300', LIMIT_MINUTE_MS: '60000', AUTH_FAILURE_LIMIT: '1000', LLM_MAX_RETRIES: '0' };
    [a, b] = await Promise.all([startGatewayApp(emulator, env), startGatewayApp(emulator, env)]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await emulator?.close();
  });

  const create = async (body: Record<string, unknown>) => {
    const res = await a.http
      .post('/api/admin/keys')
      .set(admin)
      .send({ name: `gw-${suffix()}`, ...body });
    expect(res.status).toBe(201);
    const secret = (res.body as { secret: string }).secret;
    await eventually(async () => (await b.http.get('/v1/models').set(bearer(secret))).status === 200, 5000);
    return secret;
  };
  const client = (app: GatewayApp, secret: string) => new OpenAI({ apiKey: secret, baseURL: `${app.url}/v1`, maxRetries: 0 });

  it("refuses a model outside the key's allow-list on both instances, and never uses it as a fallback", async () => {
    const secret = await create({ allowedModels: ['gpt-4o-mini'] });
    expect((await client(a, secret).chat.completions.create({ model: 'gpt-4o-mini', messages: hello })).choices[0].message.content).toContain('gpt-4o-mini');
    const refused = await client(b, secret)
      .chat.completions.create({ model: 'claude-sonnet-4', messages: hello })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(OpenAI.PermissionDeniedError);
    expect(refused).toMatchObject({ status: 403, code: 'model_not_allowed' });
    emulator.reset();
    emulator.script({ vendor: 'openai', status: 503, count: 1 });
    const down = await client(a, secret)
      .chat.completions.create({ model: 'gpt-4o-mini', messages: hello })
      .catch((e: unknown) => e);
    expect(down).toMatchObject({ status: 503 });
    expect(emulator.stats().byVendor.anthropic.received).toBe(0);
  });

  it("holds the key's RPM across both instances with a 429 and Retry-After", async () => {
    const secret = await create({ rpmLimit: 3 });
    const statuses: number[] = [];
    for (const app of [a, b, a, b]) statuses.push((await app.http.post('/v1/chat/completions').set(bearer(secret)).send({ model: 'gpt-4o-mini', messages: hello })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await a.http.post('/v1/chat/completions').set(bearer(secret)).send({ model: 'gpt-4o-mini', messages: hello });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.body.error).toMatchObject({ type: 'rate_limit_error', code: 'key_rate_limited' });
  });

  it("holds the key's calls in flight across both instances, and lets the next one in once one ends", async () => {
    const secret = await create({ maxParallelRequests: 2 });
    emulator.reset();
    emulator.script({ vendor: 'openai', model: 'gpt-4o-mini', latencyMs: 1500, count: 2 });
    const slow = [a, b].map((app) => app.http.post('/v1/chat/completions').set(bearer(secret)).send({ model: 'gpt-4o-mini', messages: hello }));
    const pending = slow.map((request) => request.then((res) => res.status));
    await eventually(async () => emulator.stats().received === 2, 5000);
    const refused = await client(a, secret)
      .chat.completions.create({ model: 'gpt-4o-mini', messages: hello })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(OpenAI.RateLimitError);
    expect(refused).toMatchObject({ status: 429, code: 'key_parallel_limited' });
    expect((refused as InstanceType<typeof OpenAI.RateLimitError>).headers?.get('retry-after')).toBe('1');
    expect((refused as Error).message).toContain('already has 2 requests in flight');
    expect(await Promise.all(pending)).toEqual([200, 200]);
    expect((await b.http.post('/v1/chat/completions').set(bearer(secret)).send({ model: 'gpt-4o-mini', messages: hello })).status).toBe(200);
    expect(emulator.stats().received).toBe(3);
  });

  it('answers a spent company budget with 429 insufficient_quota on /v1, and with the deterministic answer on an Odoo route', async () => {
    const company = 9000 + Math.floor(Math.random() * 900);
    await a.http.put(`/api/admin/budgets/companies/${company}`).set(admin).send({ limitUsd: '0.000001', period: 'day' }).expect(200);
    const secret = await create({ companies: [company] });
    const spent = await b.http.post('/v1/chat/completions').set(bearer(secret)).send({ model: 'gpt-4o-mini', messages: hello });
    expect(spent.status).toBe(429);
    expect(spent.body.error).toMatchObject({ type: 'insufficient_quota', code: 'budget_exhausted', message: expect.stringContaining(`Company ${company}`) });
    emulator.reset();
    const odoo = await a.http.post('/api/chat').set(bearer(secret)).send({ message: '¿Qué es un DTE 33?', company_id: company });
    expect(odoo.status).toBe(200);
    expect(typeof odoo.body.message).toBe('string');
    expect(emulator.stats().byVendor.anthropic.received + emulator.stats().byVendor.openai.received).toBe(0);
  });

  it('charges the exact cost to the key budget, so a spent key is refused on the other instance', async () => {
    const secret = await create({ budgetUsd: '0.0006', budgetPeriod: 'day' });
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++)
      statuses.push(
        (
          await (i % 2 ? b : a).http
            .post('/v1/chat/completions')
            .set(bearer(secret))
            .send({ model: 'gpt-4o-mini', max_tokens: 40, messages: [{ role: 'user', content: 'x'.repeat(2000) }] })
        ).status,
      );
    expect(statuses[0]).toBe(200);
    expect(statuses).toContain(429);
    expect(statuses.slice(statuses.indexOf(429)).every((s) => s === 429)).toBe(true);
  });
});
