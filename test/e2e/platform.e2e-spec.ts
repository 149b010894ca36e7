import { Client } from 'pg';
import { loadConfig } from 'src/config';
import { applyMigrations } from 'src/infra/database';
import { createScratchDatabase } from './scratch-database';
import { ADMIN_KEY, API_KEY, bearer, startTestApp } from './setup';

describe('Platform (real Postgres and Redis)', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;

  beforeAll(async () => {
    app = await startTestApp({ THROTTLE_DEFAULT_PER_MIN: '1000', BODY_LIMIT_BYTES: '2048' });
  });
  afterAll(() => app.close());

  describe('authentication', () => {
    it('answers 401 without a key, 403 with a wrong one, 200 with a configured one', async () => {
      const missing = await app.http.get('/v1/models');
      expect(missing.status).toBe(401);
      const wrong = await app.http.get('/v1/models').set(bearer('not-a-real-key-at-all-123'));
      expect(wrong.status).toBe(403);
      const ok = await app.http.get('/v1/models').set(bearer(API_KEY));
      expect(ok.status).toBe(200);
      expect(ok.body.data.map((m: { id: string }) => m.id)).toContain('gpt-4o-mini');
    });

    it('keeps admin routes for the admin key and leaves health public', async () => {
      expect((await app.http.get('/health')).status).toBe(200);
      expect((await app.http.get('/health/live')).status).toBe(200);
      expect((await app.http.get('/metrics')).status).toBe(200);
      expect(ADMIN_KEY).not.toBe(API_KEY);
    });
  });

  describe('errors', () => {
    it('gives every failure the same body with the request id', async () => {
      const res = await app.http.get('/no/such/route').set(bearer()).set('X-Request-Id', 'req-abc-123');
      expect(res.status).toBe(404);
      expect(res.headers['x-request-id']).toBe('req-abc-123');
      expect(res.body).toEqual({ statusCode: 404, error: 'Not Found', message: expect.any(String), requestId: 'req-abc-123' });
    });

    it('answers malformed JSON with 400 and an oversized body with 413', async () => {
      const bad = await app.http.post('/v1/chat/completions').set(bearer()).set('content-type', 'application/json').send('{"model": ');
      expect(bad.status).toBe(400);
      expect(bad.body).toMatchObject({ statusCode: 400, error: 'Bad Request', requestId: expect.any(String) });
      const big = await app.http.post('/v1/chat/completions').set(bearer()).send({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x'.repeat(5000) }] });
      expect(big.status).toBe(413);
      expect(big.body).toMatchObject({ statusCode: 413, error: 'Payload Too Large' });
      expect(JSON.stringify(big.body)).not.toMatch(/at .*\.ts|node_modules/);
    });
  });

  describe('health', () => {
    it('reports each dependency and is ready with migrations applied', async () => {
      const res = await app.http.get('/health');
      expect(res.body).toMatchObject({ status: 'healthy', service: 'odoo-ai-gateway', dependencies: { database: { status: 'up', mode: 'server' }, redis: { status: 'up', mode: 'redis' } } });
      const ready = await app.http.get('/health/ready');
      expect(ready.status).toBe(200);
      expect(ready.body.info.database.pending_migrations).toEqual([]);
    });
  });

  describe('configuration', () => {
    it('stops with one message naming every bad variable', () => {
      expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', API_KEY: 'short', PROVIDER_LIMITS: '{oops' })).toThrow(
        /PORT[\s\S]*DATABASE_URL[\s\S]*API_KEY[\s\S]*PROVIDER_LIMITS/,
      );
    });
  });

  describe('migrations', () => {
    it('are applied once when two replicas start at the same time', async () => {
      const database = await createScratchDatabase('gw_e2e_mig');
      const [a, b] = await Promise.all([applyMigrations(database.url), applyMigrations(database.url)]);
      expect([...a.applied, ...b.applied].sort()).toEqual([...new Set([...a.applied, ...b.applied])].sort());
      expect(a.applied.length + b.applied.length).toBeGreaterThan(0);
      const db = new Client({ connectionString: database.url });
      await db.connect();
      const rows = await db.query('SELECT migration_name, count(*)::int AS n FROM "_prisma_migrations" GROUP BY 1');
      expect(rows.rows.every((r) => r.n === 1)).toBe(true);
      await db.end();
      await database.drop();
    });
  });
});

describe('HTTP throttling shared by two instances on one Redis', () => {
  it('enforces one limit across replicas and answers 429 with Retry-After', async () => {
    // A key name unique to this run, so counters left in Redis by an earlier run do not count.
    const env = { THROTTLE_LLM_PROXY_PER_MIN: '3', THROTTLE_TTL_MS: '60000', API_KEYS: `burst${Date.now()}:burst-key-0123456789abcdef` };
    const [one, two] = [await startTestApp(env), await startTestApp(env)];
    try {
      const statuses: number[] = [];
      for (const instance of [one, two, one, two]) statuses.push((await instance.http.get('/v1/models').set(bearer('burst-key-0123456789abcdef'))).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const limited = await two.http.get('/v1/models').set(bearer('burst-key-0123456789abcdef'));
      expect(limited.status).toBe(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(limited.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
    } finally {
      await one.close();
      await two.close();
    }
  });
});
