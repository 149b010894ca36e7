import Redis from 'ioredis';
import { NO_VENDOR_ANSWER } from 'src/gateway/providers/offline/offline.provider';
import { Emulator, startEmulator } from 'test/emulator/emulator';
import {
  ask,
  atWindowStart,
  chat,
  chatStream,
  database,
  eventually,
  GatewayApp,
  groqOnEmulator,
  sseEvents,
  startEmulatedGateway,
  startGatewayApp,
  stopEmulatedGateway,
  uniquePrefix,
} from './gateway-harness';

jest.setTimeout(30_000);

describe('Two gateway instances on one Redis', () => {
  let emulator: Emulator;
  let a: GatewayApp;
  let b: GatewayApp;
  const MINUTE_MS = 5000;

  beforeAll(async () => {
    emulator = await startEmulator({ chunkDelayMs: 2 });
    const env = {
      REDIS_KEY_PREFIX: uniquePrefix(),
      PROVIDER_LIMITS: JSON.stringify({ openai: { rpm: 4, tpm: 1_000_000, rpd: 100_000 } }),
      LIMIT_MINUTE_MS: String(MINUTE_MS),
      RATE_LIMIT_MAX_WAIT_MS: '0',
      LLM_MAX_RETRIES: '0',
      BREAKER_OPEN_MS: '60000',
      FALLBACK_CHAINS: JSON.stringify({ 'gemini-3.5-flash': ['gemini-3.5-flash', 'claude-sonnet-5-5'] }),
    };
    [a, b] = await Promise.all([startGatewayApp(emulator, env), startGatewayApp(emulator, env)]);
  }, 30_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await emulator?.close();
  }, 30_000);
  beforeEach(() => emulator.reset());

  it('enforce one RPM limit between them: the fifth request of the window goes to the fallback', async () => {
    await atWindowStart(MINUTE_MS, 3000);
    const providers: string[] = [];
    for (const instance of [a, b, a, b, a, b]) {
      const res = await chat(instance, { model: 'gpt-4o-mini', messages: ask('compartido') });
      expect(res.status).toBe(200);
      providers.push(res.body.x_gateway.provider);
    }
    expect(providers).toEqual(['openai', 'openai', 'openai', 'openai', 'anthropic', 'anthropic']);
    expect(emulator.stats().byVendor.openai.received).toBe(4);
  });

  it("see one breaker: opened by A's traffic, B falls back without calling the vendor", async () => {
    emulator.script({ vendor: 'gemini', model: 'gemini-3.5-flash', status: 503 });
    for (let i = 0; i < 5; i++) {
      const res = await chat(a, { model: 'gemini-3.5-flash', messages: ask(`falla ${i}`) });
      expect(res.body.x_gateway).toMatchObject({ provider: 'anthropic', used_fallback: true });
    }
    expect(emulator.stats().byVendor.gemini.received).toBe(5);
    await eventually(async () => (await b.http.get('/health')).body.dependencies.llm_providers.breakers.gemini === 'open', 2000);
    const res = await chat(b, { model: 'gemini-3.5-flash', messages: ask('desde B') });
    expect(res.status).toBe(200);
    expect(res.body.x_gateway).toMatchObject({ provider: 'anthropic', used_fallback: true, attempts: 1 });
    expect(emulator.stats().byVendor.gemini.received).toBe(5);
  });
});

describe('Quota alerts, interrupted streams', () => {
  let emulator: Emulator;
  let app: GatewayApp;

  beforeAll(async () => {
    ({ emulator, app } = await startEmulatedGateway({ chunkDelayMs: 5 }, (emu) => ({ ...groqOnEmulator(emu, 20, 60_000, 10_000_000), COST_FLUSH_INTERVAL_MS: '50' })));
  }, 30_000);
  afterAll(() => stopEmulatedGateway(app, emulator), 30_000);
  beforeEach(() => emulator.reset());

  const alertCount = (metrics: string, level: string) => Number(new RegExp(`llm_quota_alerts_total\\{provider="groq",window="rpm",level="${level}"\\} (\\d+)`).exec(metrics)?.[1] ?? 0);

  it('raises the 80 % and the 95 % alert once each as a window fills', async () => {
    await atWindowStart(60_000, 15_000);
    const since = new Date();
    const before = (await app.http.get('/metrics')).text;
    for (let i = 0; i < 20; i++) {
      const res = await chat(app, { model: 'llama-3.1-8b', messages: ask(`cuota ${i}`) });
      expect(res.body.x_gateway.provider).toBe('groq');
    }
    const recent = app.deps.quotas.recent.filter((alert) => alert.provider === 'groq' && alert.window === 'rpm');
    expect(recent.map((alert) => [alert.level, alert.used, alert.limit])).toEqual([
      ['critical', 19, 20],
      ['warning', 16, 20],
    ]);
    const db = await database();
    try {
      const rows = await eventually(async () => {
        const result = await db.query(`SELECT level, used, "limit" FROM quota_alerts WHERE provider = 'groq' AND "window" = 'rpm' AND created_at >= $1 ORDER BY used`, [since]);
        return result.rows.length >= 2 ? result.rows : undefined;
      });
      expect(rows).toEqual([
        { level: 'warning', used: 16, limit: 20 },
        { level: 'critical', used: 19, limit: 20 },
      ]);
    } finally {
      await db.end();
    }
    const after = (await app.http.get('/metrics')).text;
    expect(alertCount(after, 'warning') - alertCount(before, 'warning')).toBe(1);
    expect(alertCount(after, 'critical') - alertCount(before, 'critical')).toBe(1);
    // The utilization gauge reads the window as the requests left it.
    expect(Number(/llm_quota_utilization_ratio\{provider="groq",window="rpm"\} ([\d.]+)/.exec(after)?.[1])).toBeGreaterThanOrEqual(0.95);
  });

  it.each([
    ['openai', 'gpt-4o-mini'],
    ['anthropic', 'claude-sonnet-5-5'],
    ['gemini', 'gemini-3.5-flash'],
  ] as const)('ends a %s stream cut midway with an error event, never [DONE]', async (vendor, model) => {
    emulator.script({ vendor, cutStreamAfterChunks: 2, count: 1 });
    const res = await chatStream(app, { model, messages: ask('uno dos tres cuatro cinco seis siete ocho') });
    expect(res.status).toBe(200);
    expect(res.text).not.toContain('[DONE]');
    const events = sseEvents(res.text);
    const text = events.map((e) => e.choices?.[0]?.delta?.content ?? '').join('');
    expect(text).toMatch(/^Respuesta simulada/);
    expect(events.some((e) => e.choices?.[0]?.finish_reason)).toBe(false);
    expect(events.at(-1)).toEqual({ error: expect.objectContaining({ type: 'stream_interrupted', message: expect.stringContaining(vendor) }) });
    expect(emulator.stats().requests.map((r) => r.outcome)).toEqual(['cut']);
  });
});

describe('Gateway with no vendor configured', () => {
  let app: GatewayApp;
  let honest: GatewayApp;

  beforeAll(async () => {
    app = await startGatewayApp(null, { PROXY_OFFLINE_ANSWERS: 'true' });
    honest = await startGatewayApp(null);
  }, 30_000);
  afterAll(async () => {
    await app?.close();
    await honest?.close();
  }, 30_000);

  it('answers a /v1 caller with a 503 in OpenAI shape, never a canned answer presented as the model', async () => {
    const res = await chat(honest, { model: 'gpt-4o-mini', messages: ask('hola') });
    expect(res.status).toBe(503);
    expect(res.body.error).toMatchObject({ type: 'api_error', message: expect.stringContaining('No provider could serve the request') });
    const streamed = await chatStream(honest, { model: 'claude-sonnet-5-5', messages: ask('hola') });
    expect(streamed.status).toBe(503);
    expect(JSON.parse(streamed.text).error.type).toBe('api_error');
  });

  it('answers from the offline provider, plain and streamed, when the operator enabled PROXY_OFFLINE_ANSWERS', async () => {
    const res = await chat(app, { model: 'gpt-4o-mini', messages: ask('hola') });
    expect(res.status).toBe(200);
    expect(res.body.choices[0].message.content).toBe(NO_VENDOR_ANSWER);
    expect(res.body.x_gateway).toMatchObject({ provider: 'offline', cost_usd: '0.000000000000' });
    const streamed = await chatStream(app, { model: 'claude-sonnet-5-5', messages: ask('hola') });
    expect(streamed.text.trimEnd().endsWith('data: [DONE]')).toBe(true);
    expect(
      sseEvents(streamed.text)
        .map((e) => e.choices?.[0]?.delta?.content ?? '')
        .join(''),
    ).toBe(NO_VENDOR_ANSWER);
  });
});

describe('Rate-limit counters in Redis', () => {
  let emulator: Emulator;
  let app: GatewayApp;
  const prefix = uniquePrefix();

  beforeAll(async () => {
    // Each answer takes longer than a whole window, so the token correction always lands in a later window.
    ({ emulator, app } = await startEmulatedGateway({ latencyMs: 250 }, () => ({ REDIS_KEY_PREFIX: prefix, LIMIT_MINUTE_MS: '100' })));
  }, 30_000);
  afterAll(() => stopEmulatedGateway(app, emulator), 30_000);

  it('always expire, even when the usage correction arrives after the window rolled over', async () => {
    for (let i = 0; i < 3; i++) expect((await chat(app, { model: 'gpt-4o-mini', messages: ask(`lento ${i}`) })).status).toBe(200);
    const redis = new Redis(process.env.TEST_REDIS_URL!);
    try {
      const keys = await redis.keys(`${prefix}rl:openai:*`);
      expect(keys.length).toBeGreaterThan(0);
      const ttls = await Promise.all(keys.map((key) => redis.pttl(key)));
      expect(ttls.filter((ttl) => ttl === -1)).toEqual([]);
    } finally {
      await redis.quit();
    }
  });
});
