import { AdminClock } from 'src/admin/admin-clock';
import { gatewayInternals, GatewayInternals } from './gateway-harness';
import { insertUsage, PrivateServices, startPrivateServices } from './admin-test-env';
import { ADMIN_KEY, API_KEY, bearer, OTHER_KEY, startTestApp } from './setup';

type App = Awaited<ReturnType<typeof startTestApp>>;

/** Exact sum of decimal strings with BigInt at 12 decimals, independent of the code under test. */
function exactSum(values: string[]): string {
  const units = values.reduce((t, v) => {
    const [int, frac = ''] = v.split('.');
    return t + BigInt(int + frac.padEnd(12, '0'));
  }, 0n);
  const digits = units.toString().padStart(13, '0');
  return `${digits.slice(0, -12)}.${digits.slice(-12)}`;
}

const NOW = new Date('2025-06-10T12:00:00.000Z');
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000).toISOString();

describe('Admin API and cost report (real app, private Postgres database and Redis)', () => {
  let services: PrivateServices;
  let one: App;
  let two: App;
  let deps: GatewayInternals;

  beforeAll(async () => {
    services = await startPrivateServices();
    const env = { DATABASE_URL: services.databaseUrl, REDIS_URL: services.redisUrl, ANTHROPIC_API_KEY: 'sk-ant-e2e-admin-not-used', THROTTLE_DEFAULT_PER_MIN: '1000', BREAKER_FAILURE_THRESHOLD: '3' };
    one = await startTestApp(env);
    two = await startTestApp(env);
    deps = gatewayInternals(one.app);
    jest.spyOn(one.app.get(AdminClock), 'now').mockReturnValue(NOW);
  });

  afterAll(async () => {
    await one?.close();
    await two?.close();
    await services?.stop();
  });

  describe('access', () => {
    it('answers 401 without a key and 403 for a normal key on every admin route', async () => {
      expect((await one.http.get('/api/admin/overview')).status).toBe(401);
      for (const [method, path] of [
        ['get', '/api/admin/overview'],
        ['post', '/api/admin/providers/groq/breaker/close'],
        ['post', '/api/admin/providers/groq/quotas/reset'],
        ['get', '/api/admin/usage.csv?from=2024-01-01&to=2024-01-02'],
      ] as const) {
        const res = await one.http[method](path).set(bearer(API_KEY));
        expect({ path, status: res.status, message: res.body.message }).toEqual({ path, status: 403, message: 'This route needs the admin key (ADMIN_API_KEY)' });
      }
      const audits = await services.sql<{ n: number }>('SELECT count(*)::int AS n FROM admin_audit');
      expect(audits[0].n).toBe(0);
    });
  });

  describe('GET /api/admin/overview', () => {
    beforeAll(async () => {
      await insertUsage(services, [
        { createdAt: minutesAgo(5), provider: 'anthropic', latencyMs: 100, costUsd: '0.000000375' },
        { createdAt: minutesAgo(5), provider: 'anthropic', latencyMs: 200, costUsd: '0.000001125' },
        { createdAt: minutesAgo(4), provider: 'anthropic', latencyMs: 300, costUsd: '0.5' },
        { createdAt: minutesAgo(3), provider: 'anthropic', latencyMs: 400, costUsd: '0', status: 'error' },
        { createdAt: minutesAgo(2), provider: 'anthropic', latencyMs: 1000, costUsd: '0.25', status: 'partial' },
        { createdAt: minutesAgo(20), provider: 'openai', latencyMs: 50, costUsd: '1.000000001' },
        { createdAt: '2025-06-03T08:00:00Z', provider: 'deepseek', costUsd: '2.5' },
        { createdAt: '2025-05-31T23:59:59Z', provider: 'deepseek', costUsd: '100' },
      ]);
      for (let i = 0; i < 25; i += 1) {
        await services.sql(`INSERT INTO quota_alerts (created_at, provider, "window", level, utilization, used, "limit", message) VALUES ($1, 'groq', 'rpm', $2, $3, $4, 500, $5)`, [
          minutesAgo(60 - i),
          i % 2 ? 'critical' : 'warning',
          i % 2 ? '0.9600' : '0.8000',
          i % 2 ? 480 : 400,
          `alert ${i}`,
        ]);
      }
    });

    it('reports provider health from recent rows, percentiles from Postgres and quotas from the limiter', async () => {
      const res = await one.http.get('/api/admin/overview').set(bearer(ADMIN_KEY));
      expect(res.status).toBe(200);
      expect(res.body.generatedAt).toBe(NOW.toISOString());
      const anthropic = res.body.providers.find((p: { provider: string }) => p.provider === 'anthropic');
      expect(anthropic).toEqual({
        provider: 'anthropic',
        configured: true,
        state: 'degraded',
        breaker: 'closed',
        requests: 5,
        errorRate: 0.4,
        latencyMs: { p50: 300, p95: 880, p99: 976 },
        quotas: [
          { window: 'rpm', used: 0, limit: 1000, utilization: 0 },
          { window: 'tpm', used: 0, limit: 100000, utilization: 0 },
          { window: 'rpd', used: 0, limit: 50000, utilization: 0 },
        ],
      });
      const openai = res.body.providers.find((p: { provider: string }) => p.provider === 'openai');
      expect(openai).toMatchObject({ configured: false, state: 'healthy', requests: 0, errorRate: 0, latencyMs: { p50: null, p95: null, p99: null } });
      expect(res.body.providers.map((p: { provider: string }) => p.provider).sort()).toEqual(['anthropic', 'deepseek', 'gemini', 'groq', 'openai', 'openai-compatible']);
    });

    it('gives costs as exact decimals with the month-end projection and the daily series', async () => {
      const { body } = await one.http.get('/api/admin/overview').set(bearer(ADMIN_KEY));
      expect(body.costs).toMatchObject({
        todayUsd: '1.750001501000',
        monthToDateUsd: '4.250001501000',
        // 4.250001501 over 10 of June's 30 days
        projectedMonthUsd: '12.750004503000',
      });
      expect(body.costs.daily).toHaveLength(30);
      expect(body.costs.daily[0]).toEqual({ date: '2025-05-12', costUsd: '0.000000000000' });
      expect(body.costs.daily.filter((d: { costUsd: string }) => d.costUsd !== '0.000000000000')).toEqual([
        { date: '2025-05-31', costUsd: '100.000000000000' },
        { date: '2025-06-03', costUsd: '2.500000000000' },
        { date: '2025-06-10', costUsd: '1.750001501000' },
      ]);
      expect(exactSum(body.costs.daily.filter((d: { date: string }) => d.date >= '2025-06-01').map((d: { costUsd: string }) => d.costUsd))).toBe(body.costs.monthToDateUsd);
    });

    it('lists the catalog models shut down or shutting down within 60 days, with what answers for them', async () => {
      const { body } = await one.http.get('/api/admin/overview').set(bearer(ADMIN_KEY));
      const byModel = new Map(body.modelRetirements.map((r: { model: string }) => [r.model, r]));
      expect(byModel.get('gpt-4o-mini')).toEqual({ model: 'gpt-4o-mini', retiresOn: '2027-01-14', successor: 'gpt-6-luna', retired: false, daysLeft: 39 });
      expect(byModel.get('claude-sonnet-4')).toEqual({ model: 'claude-sonnet-4', retiresOn: '2026-06-15', successor: 'claude-sonnet-5-5', retired: true, daysLeft: 0 });
      expect(byModel.get('deepseek-chat')).toMatchObject({ successor: null, retired: true });
      expect(byModel.has('claude-sonnet-5-5')).toBe(false);
    });

    it('lists the newest 20 alerts and the last 24 hours of performance per provider', async () => {
      const { body } = await one.http.get('/api/admin/overview').set(bearer(ADMIN_KEY));
      expect(body.alerts).toHaveLength(20);
      expect(body.alerts[0]).toEqual({ createdAt: minutesAgo(36), provider: 'groq', window: 'rpm', level: 'warning', utilization: 0.8, message: 'alert 24' });
      expect(body.alerts[19].message).toBe('alert 5');
      expect(body.performance).toEqual([
        { provider: 'anthropic', requests: 5, successRate: 0.6, meanLatencyMs: 400, tokens: 75, costUsd: '0.750001500000' },
        { provider: 'openai', requests: 1, successRate: 1, meanLatencyMs: 50, tokens: 15, costUsd: '1.000000001000' },
      ]);
    });
  });

  describe('actions', () => {
    it('force-closes an open breaker on every replica and audits it', async () => {
      for (let i = 0; i < 3; i += 1) await deps.breakers.recordFailure('groq');
      const twoBreakers = gatewayInternals(two.app).breakers;
      await waitFor(() => twoBreakers.state('groq') === 'open');
      const before = await one.http.get('/api/admin/overview').set(bearer(ADMIN_KEY));
      expect(before.body.providers.find((p: { provider: string }) => p.provider === 'groq')).toMatchObject({ breaker: 'open', state: 'down' });

      const res = await one.http.post('/api/admin/providers/groq/breaker/close').set(bearer(ADMIN_KEY));
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ provider: 'groq', breaker: 'closed', previous: 'open' });
      await waitFor(() => twoBreakers.state('groq') === 'closed');
      const audit = await services.sql<{ key_name: string; action: string; target: string; detail: unknown; created_at: Date }>(
        `SELECT key_name, action, target, detail, created_at FROM admin_audit WHERE action = 'breaker.close'`,
      );
      expect(audit).toEqual([{ key_name: 'admin', action: 'breaker.close', target: 'groq', detail: { previous: 'open' }, created_at: expect.any(Date) }]);
      expect(Math.abs(audit[0].created_at.getTime() - Date.now())).toBeLessThan(60_000);
    });

    it('resets a provider quota windows for every replica and audits it', async () => {
      const limits = deps.catalog.limits.gemini;
      for (let i = 0; i < 4; i += 1) await deps.limiter.tryAcquire('gemini', 250, limits);
      const before = await one.http.get('/api/admin/overview').set(bearer(ADMIN_KEY));
      expect(before.body.providers.find((p: { provider: string }) => p.provider === 'gemini').quotas).toEqual([
        { window: 'rpm', used: 4, limit: 2000, utilization: 0.002 },
        { window: 'tpm', used: 1000, limit: 200000, utilization: 0.005 },
        { window: 'rpd', used: 4, limit: 100000, utilization: 0.00004 },
      ]);
      // Replica two also counts the lease replica one charged ahead and has not handed out yet (LIMIT_LEASE_MS).
      const seenByTwo = (await two.http.get('/api/admin/overview').set(bearer(ADMIN_KEY))).body.providers.find((p: { provider: string }) => p.provider === 'gemini').quotas;
      const shared = Object.fromEntries(seenByTwo.map((q: { window: string; used: number }) => [q.window, q.used]));
      expect(shared.rpm).toBeGreaterThanOrEqual(4);
      const res = await two.http.post('/api/admin/providers/gemini/quotas/reset').set(bearer(ADMIN_KEY));
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ provider: 'gemini', quotas: { rpm: 0, tpm: 0, rpd: 0 } });
      expect(await deps.limiter.usage('gemini')).toEqual({ rpm: 0, tpm: 0, rpd: 0 });
      const audit = await services.sql(`SELECT key_name, target, detail FROM admin_audit WHERE action = 'quotas.reset'`);
      expect(audit).toEqual([{ key_name: 'admin', target: 'gemini', detail: shared }]);
    });

    it('answers 404 for an unknown provider and audits nothing', async () => {
      const count = async () => (await services.sql<{ n: number }>('SELECT count(*)::int AS n FROM admin_audit'))[0].n;
      const before = await count();
      const res = await one.http.post('/api/admin/providers/mistral/breaker/close').set(bearer(ADMIN_KEY));
      expect(res.status).toBe(404);
      expect(res.body.message).toMatch(/Unknown provider "mistral"/);
      expect((await one.http.post('/api/admin/providers/__proto__/quotas/reset').set(bearer(ADMIN_KEY))).status).toBe(404);
      expect(await count()).toBe(before);
    });
  });

  describe('reports', () => {
    const FEB = [
      { createdAt: '2024-02-01T00:00:00Z', provider: 'anthropic', model: 'claude, "sonnet"', operation: 'dte.validate', apiKeyName: 'odoo', companyId: 7, costUsd: '0.000000375' },
      { createdAt: '2024-02-01T23:59:59.999Z', provider: 'anthropic', model: 'claude, "sonnet"', operation: 'chat', apiKeyName: 'odoo', companyId: 8, costUsd: '0.000000125' },
      { createdAt: '2024-02-15T10:00:00Z', provider: 'openai', model: 'gpt-4o-mini', operation: 'chat', apiKeyName: 'finance', companyId: null, costUsd: '1.999999500' },
      { createdAt: '2024-02-29T23:00:00Z', provider: 'gemini', model: '=cmd()', operation: 'payroll.explain', apiKeyName: 'odoo', companyId: 7, costUsd: '0.1' },
      { createdAt: '2024-03-01T00:00:00Z', provider: 'gemini', model: 'gemini-flash', operation: 'chat', apiKeyName: 'odoo', companyId: 7, costUsd: '50' },
    ];
    const febTotal = '2.100000000000';

    beforeAll(() => insertUsage(services, FEB));

    it.each(['day', 'provider', 'model', 'operation', 'company', 'apiKey'])('JSON grouped by %s: totals equal the exact sum of the rows', async (groupBy) => {
      const res = await one.http.get(`/api/costs/report?from=2024-02-01&to=2024-02-29&groupBy=${groupBy}&format=json`).set(bearer(API_KEY));
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      const body = JSON.parse(res.text);
      expect(body.totals.costUsd).toBe(febTotal);
      expect(exactSum(body.rows.map((r: { costUsd: string }) => r.costUsd))).toBe(body.totals.costUsd);
      expect(body.rows.reduce((n: number, r: { requests: number }) => n + r.requests, 0)).toBe(4);
      expect(body.totals).toMatchObject({ requests: 4, inputTokens: 40, outputTokens: 20 });
    });

    it('groups exactly: by day, by company (none for rows without one) and by key', async () => {
      const get = async (groupBy: string) => JSON.parse((await one.http.get(`/api/costs/report?from=2024-02-01&to=2024-02-29&groupBy=${groupBy}`).set(bearer(API_KEY))).text).rows;
      expect((await get('day')).map((r: { key: string; costUsd: string }) => [r.key, r.costUsd])).toEqual([
        ['2024-02-01', '0.000000500000'],
        ['2024-02-15', '1.999999500000'],
        ['2024-02-29', '0.100000000000'],
      ]);
      expect((await get('company')).map((r: { key: string; requests: number }) => [r.key, r.requests])).toEqual([
        ['none', 1],
        ['7', 2],
        ['8', 1],
      ]);
      expect((await get('apiKey')).map((r: { key: string; costUsd: string }) => [r.key, r.costUsd])).toEqual([
        ['finance', '1.999999500000'],
        ['odoo', '0.100000500000'],
      ]);
    });

    it('writes CSV a spreadsheet opens cleanly, with a TOTAL line equal to the sum of the lines', async () => {
      const res = await one.http.get('/api/costs/report?from=2024-02-01&to=2024-02-29&groupBy=model&format=csv').set(bearer(API_KEY));
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe('attachment; filename="costs-2024-02-01-to-2024-02-29-by-model.csv"');
      expect(res.text).toBe(
        '"model","requests","input_tokens","output_tokens","cache_read_tokens","cache_write_tokens","cost_usd"\r\n' +
          '"\'=cmd()",1,10,5,0,0,0.100000000000\r\n' +
          '"claude, ""sonnet""",2,20,10,0,0,0.000000500000\r\n' +
          '"gpt-4o-mini",1,10,5,0,0,1.999999500000\r\n' +
          `"TOTAL",4,40,20,0,0,${febTotal}\r\n`,
      );
    });

    it('shows a company-bound key only its companies', async () => {
      const res = await one.http.get('/api/costs/report?from=2024-02-01&to=2024-02-29&groupBy=company').set(bearer(OTHER_KEY));
      expect(JSON.parse(res.text)).toMatchObject({ rows: [{ key: '7', requests: 2, costUsd: '0.100000375000' }], totals: { requests: 2, costUsd: '0.100000375000' } });
    });

    it('gives a company-bound key the cost summary of its companies only, and an unbound key every company', async () => {
      const summary = async (key: string) => (await one.http.get('/metrics/costs?period=2024-02-01..2024-02-29').set(bearer(key))).body;
      const scoped = await summary(OTHER_KEY);
      expect(scoped.summary).toMatchObject({ total_calls: 2, total_cost_usd: '0.100000375000', avg_cost_per_call: '0.05000019' });
      expect(Object.keys(scoped.by_company)).toEqual(['7']);
      expect(Object.keys(scoped.by_model).sort()).toEqual(['=cmd()', 'claude, "sonnet"']);
      const all = await summary(API_KEY);
      expect(all.summary).toMatchObject({ total_calls: 4, total_cost_usd: febTotal });
      expect(Object.keys(all.by_company).sort()).toEqual(['7', '8', 'none']);
      expect(all.by_api_key).toEqual({ finance: expect.objectContaining({ cost_usd: '1.999999500000' }), odoo: expect.objectContaining({ cost_usd: '0.100000500000' }) });
    });

    it('answers 400 naming the problem for bad dates, ranges, groupings and formats, and 401 without a key', async () => {
      const cases: [string, RegExp][] = [
        ['from=2024-02-30&to=2024-03-01', /from \(must be a calendar date YYYY-MM-DD, got "2024-02-30"\)/],
        ['to=2024-03-01', /from \(must be a calendar date/],
        ['from=2024-03-02&to=2024-03-01', /to \(must not be before from \(2024-03-02\)\)/],
        ['from=2000-01-01&to=2024-01-01', /at most 3660 days/],
        ['from=2024-02-01&to=2024-02-29&groupBy=customer', /groupBy \(must be one of day, provider, model, operation, company, apiKey, tag\)/],
        ['from=2024-02-01&to=2024-02-29&format=xlsx', /format \(must be one of csv, json\)/],
      ];
      for (const [query, message] of cases) {
        const res = await one.http.get(`/api/costs/report?${query}`).set(bearer(API_KEY));
        expect({ query, status: res.status }).toEqual({ query, status: 400 });
        expect(res.body.message).toMatch(message);
      }
      expect((await one.http.get('/api/admin/usage.csv?from=2024-02-01').set(bearer(ADMIN_KEY))).status).toBe(400);
      expect((await one.http.get('/api/costs/report?from=2024-02-01&to=2024-02-29')).status).toBe(401);
    });

    it('streams long ranges across many batches with exact totals, and the usage export is audited', async () => {
      await services.sql(
        `INSERT INTO usage_records (row_id, request_id, created_at, api_key_name, operation, route, provider, model, cost_usd, latency_ms, status)
         SELECT 'long-' || d, 'long-' || d, timestamptz '2019-01-01 12:00:00+00' + d * interval '1 day', 'odoo', 'chat', '/v1/chat/completions', 'openai', 'gpt-4o-mini', 0.000000375, 10, 'success'
         FROM generate_series(0, 1199) AS d`,
      );
      const json = JSON.parse((await one.http.get('/api/costs/report?from=2019-01-01&to=2022-12-31&groupBy=day').set(bearer(API_KEY))).text);
      expect(json.rows).toHaveLength(1200);
      expect(json.rows[0].key).toBe('2019-01-01');
      expect(json.rows[1199].key).toBe('2022-04-14');
      expect(json.totals.costUsd).toBe('0.000450000000');
      expect(exactSum(json.rows.map((r: { costUsd: string }) => r.costUsd))).toBe(json.totals.costUsd);

      const csv = await one.http.get('/api/admin/usage.csv?from=2019-01-01&to=2022-12-31').set(bearer(ADMIN_KEY));
      expect(csv.status).toBe(200);
      expect(csv.headers['content-disposition']).toBe('attachment; filename="usage-2019-01-01-to-2022-12-31.csv"');
      const lines = csv.text.split('\r\n');
      expect(lines).toHaveLength(1202);
      expect(lines[1]).toMatch(
        /^"2019-01-01T12:00:00.000Z","long-0","odoo",,"chat","\/v1\/chat\/completions","openai","gpt-4o-mini",0,0,0,0,0,0.000000375000,10,"success",1,false,false,"","","",false$/,
      );
      expect(new Set(lines.slice(1, -1).map((l) => l.split(',')[1])).size).toBe(1200);
      const audit = await services.sql(`SELECT key_name, action, target FROM admin_audit WHERE action = 'usage.export'`);
      expect(audit).toEqual([{ key_name: 'admin', action: 'usage.export', target: '2019-01-01..2022-12-31' }]);
    });
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
