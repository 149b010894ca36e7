import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { Client as UndiciClient } from 'undici';
import { loadConfig } from 'src/config';
import { applyMigrations } from 'src/infra/database';
import { createScratchDatabase } from './scratch-database';
import { ADMIN_KEY, API_KEY, bearer, OTHER_KEY, startTestApp } from './setup';

describe('Platform (real Postgres and Redis)', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;

  beforeAll(async () => {
    app = await startTestApp({ THROTTLE_DEFAULT_PER_MIN: '1000', BODY_LIMIT_BYTES: '2048' });
  });
  afterAll(() => app.close());

  describe('authentication', () => {
    it('answers 401 without a key, 403 with a wrong one on the Odoo routes (401 in OpenAI shape under /v1), 200 with a configured one', async () => {
      const missing = await app.http.get('/v1/models');
      expect(missing.status).toBe(401);
      const wrong = await app.http.get('/api/payroll/indicators/2026-01').set(bearer('not-a-real-key-at-all-123'));
      expect(wrong.status).toBe(403);
      const wrongOnV1 = await app.http.get('/v1/models').set(bearer('not-a-real-key-at-all-123'));
      expect(wrongOnV1.status).toBe(401);
      expect(wrongOnV1.body.error).toMatchObject({ type: 'authentication_error', code: 'invalid_api_key', message: 'Invalid API key' });
      const ok = await app.http.get('/v1/models').set(bearer(API_KEY));
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ object: 'list', data: expect.any(Array) });
    });

    it('keeps admin routes for the admin key and leaves health public', async () => {
      expect((await app.http.get('/health')).status).toBe(200);
      expect((await app.http.get('/health/live')).status).toBe(200);
      expect((await app.http.get('/metrics')).status).toBe(200);
      const normal = await app.http.get('/api/admin/overview').set(bearer(API_KEY));
      expect(normal.status).toBe(403);
      expect(normal.body.message).toMatch(/admin key/);
      expect((await app.http.get('/api/admin/overview').set(bearer(ADMIN_KEY))).status).toBe(200);
    });

    it('judges every request of one keep-alive connection by its own key (a proxy may send several callers on one)', async () => {
      const { port } = app.app.getHttpServer().address() as AddressInfo;
      const connection = new UndiciClient(`http://127.0.0.1:${port}`, { pipelining: 1 });
      try {
        const statusWith = async (path: string, key: string) => {
          const answer = await connection.request({ path, method: 'GET', headers: { authorization: `Bearer ${key}` } });
          await answer.body.dump();
          return answer.statusCode;
        };
        const keys = [API_KEY, 'not-a-real-key-at-all-123', API_KEY, ADMIN_KEY, `${API_KEY}x`, OTHER_KEY];
        const statuses = [];
        for (const key of keys) statuses.push(await statusWith('/v1/models', key));
        expect(statuses).toEqual([200, 401, 200, 200, 401, 200]);
        expect(await statusWith('/api/admin/overview', API_KEY)).toBe(403);
        expect(await statusWith('/api/admin/overview', ADMIN_KEY)).toBe(200);
        expect(await statusWith('/api/admin/overview', API_KEY)).toBe(403);
      } finally {
        await connection.close();
      }
    });

    it('answers an empty or non-Bearer Authorization with 401, as a missing key', async () => {
      for (const header of ['Bearer', 'Bearer ', 'Bearer    ', `Basic ${Buffer.from(`${API_KEY}:x`).toString('base64')}`, `${API_KEY}`]) {
        const res = await app.http.get('/v1/models').set('Authorization', header);
        expect([header, res.status]).toEqual([header, 401]);
        expect(res.body.message).toMatch(/Authorization: Bearer <key>/);
      }
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
      expect(bad.body).toMatchObject({ statusCode: 400, requestId: expect.any(String), error: { type: 'invalid_request_error', message: expect.stringContaining('JSON') } });
      const big = await app.http
        .post('/v1/chat/completions')
        .set(bearer())
        .send({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x'.repeat(5000) }] });
      expect(big.status).toBe(413);
      expect(big.body).toMatchObject({ statusCode: 413, error: { type: 'invalid_request_error' } });
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
      expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', API_KEY: 'short', PROVIDER_LIMITS: '{oops' })).toThrow(/PORT[\s\S]*DATABASE_URL[\s\S]*API_KEY[\s\S]*PROVIDER_LIMITS/);
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

describe('Wrong keys from one client address (two instances on one Redis)', () => {
  it('answers 429 with Retry-After once the address has sent too many, even for a right key, on every replica', async () => {
    const env = { AUTH_FAILURE_LIMIT: '3', AUTH_FAILURE_WINDOW_MS: '60000', REDIS_KEY_PREFIX: `authfail${Date.now()}:` };
    const [a, b] = await Promise.all([startTestApp(env), startTestApp(env)]);
    try {
      const wrong = (app: typeof a, n: number) => app.http.get('/v1/models').set(bearer(`guess-${n}-0123456789abcdef`));
      expect((await wrong(a, 1)).status).toBe(401);
      expect((await wrong(b, 2)).status).toBe(401);
      expect((await wrong(a, 3)).status).toBe(401);
      const blocked = await wrong(b, 4);
      expect(blocked.status).toBe(429);
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(60);
      expect(blocked.body).toMatchObject({ statusCode: 429, error: { type: 'rate_limit_error', message: expect.stringMatching(/wrong API keys/) } });
      expect((await a.http.get('/v1/models').set(bearer(API_KEY))).status).toBe(429);
      // Probes stay public and are never refused.
      expect((await a.http.get('/health/live')).status).toBe(200);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('with TRUST_PROXY=false counts the socket address, so a made-up X-Forwarded-For does not reset the count', async () => {
    const app = await startTestApp({ AUTH_FAILURE_LIMIT: '2', TRUST_PROXY: 'false', REDIS_KEY_PREFIX: `authxff${Date.now()}:` });
    try {
      const guess = (n: number) =>
        app.http
          .get('/v1/models')
          .set(bearer(`guess-${n}-0123456789abcdef`))
          .set('X-Forwarded-For', `203.0.113.${n}`);
      expect((await guess(1)).status).toBe(401);
      expect((await guess(2)).status).toBe(401);
      expect((await guess(3)).status).toBe(429);
    } finally {
      await app.close();
    }
  });

  it('with TRUST_PROXY=1 counts the address the one proxy in front wrote last, not the socket', async () => {
    const app = await startTestApp({ AUTH_FAILURE_LIMIT: '2', TRUST_PROXY: '1', REDIS_KEY_PREFIX: `authhop${Date.now()}:` });
    try {
      const viaProxy = (n: number) =>
        app.http
          .get('/v1/models')
          .set(bearer(`guess-${n}-0123456789abcdef`))
          .set('X-Forwarded-For', `192.0.2.1, 198.51.100.${n}`);
      // Three clients behind the proxy, one wrong key each: none has reached the limit of 2.
      for (const n of [1, 2, 3]) expect((await viaProxy(n)).status).toBe(401);
      expect((await viaProxy(3)).status).toBe(401);
      expect((await viaProxy(3)).status).toBe(429);
    } finally {
      await app.close();
    }
  });

  it('lets a right key through while the address is under the limit', async () => {
    const app = await startTestApp({ AUTH_FAILURE_LIMIT: '2', REDIS_KEY_PREFIX: `authok${Date.now()}:` });
    try {
      expect((await app.http.get('/v1/models').set(bearer('guess-0123456789abcdef'))).status).toBe(401);
      expect((await app.http.get('/v1/models').set(bearer(API_KEY))).status).toBe(200);
      // A missing key is not a guess: it never counts.
      for (let i = 0; i < 5; i++) expect((await app.http.get('/v1/models')).status).toBe(401);
      expect((await app.http.get('/v1/models').set(bearer(API_KEY))).status).toBe(200);
    } finally {
      await app.close();
    }
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
      expect(limited.body).toMatchObject({ statusCode: 429, error: { type: 'rate_limit_error', code: 'rate_limit_exceeded' } });
    } finally {
      await one.close();
      await two.close();
    }
  });

  it("tells every caller its limit, what is left and when it resets, hits counted from this replica's lease included", async () => {
    const env = { THROTTLE_LLM_PROXY_PER_MIN: '1000', THROTTLE_TTL_MS: '60000', API_KEYS: `steady${Date.now()}:steady-key-0123456789abcdef` };
    const app = await startTestApp(env);
    try {
      const remaining: number[] = [];
      for (let i = 0; i < 12; i++) {
        const answer = await app.http.get('/v1/models').set(bearer('steady-key-0123456789abcdef'));
        expect(answer.status).toBe(200);
        expect(answer.headers['x-ratelimit-limit']).toBe('1000');
        expect(Number(answer.headers['x-ratelimit-reset'])).toBeGreaterThan(0);
        expect(Number(answer.headers['x-ratelimit-reset'])).toBeLessThanOrEqual(60);
        remaining.push(Number(answer.headers['x-ratelimit-remaining']));
      }
      expect(remaining).toEqual(remaining.map((_, i) => 999 - i));
    } finally {
      await app.close();
    }
  });
});
