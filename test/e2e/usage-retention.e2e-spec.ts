import { randomUUID } from 'node:crypto';
import { SchedulerRegistry } from '@nestjs/schedule';
import { Client } from 'pg';
import { loadConfig } from 'src/config';
import { UsageRetention } from 'src/gateway/usage/usage-retention';
import { createScratchDatabase, type ScratchDatabase } from './scratch-database';
import { ADMIN_KEY, bearer, startTestApp } from './setup';

const DAY_MS = 86_400_000;
const NOW = Date.parse('2026-12-06T03:45:00Z');
const daysAgo = (days: number) => new Date(NOW - days * DAY_MS);

/** Old and recent usage rows and quota alerts deleted by USAGE_RETENTION_DAYS, on a database of the suite's own. */
describe('Usage retention (real Postgres)', () => {
  let database: ScratchDatabase;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let db: Client;

  const insertUsage = (createdAt: Date, cost: string) =>
    db.query(
      `INSERT INTO usage_records (request_id, created_at, api_key_name, operation, route, provider, model, latency_ms, status, cost_usd)
       VALUES ($1, $2, 'default', 'proxy.chat', 'openai', 'openai', 'gpt-6-luna', 10, 'success', $3)`,
      [randomUUID(), createdAt, cost],
    );
  const insertAlert = (createdAt: Date) =>
    db.query(`INSERT INTO quota_alerts (created_at, provider, "window", level, utilization, used, "limit", message) VALUES ($1, 'openai', 'rpm', 'warning', 0.8, 80, 100, 'test')`, [createdAt]);
  const rowDays = async () =>
    (await db.query<{ days: number }>(`SELECT round(extract(epoch FROM ($1::timestamptz - created_at)) / 86400)::int AS days FROM usage_records ORDER BY 1`, [new Date(NOW)])).rows.map((r) => r.days);

  beforeAll(async () => {
    database = await createScratchDatabase('usage_retention');
    app = await startTestApp({ DATABASE_URL: database.url, USAGE_RETENTION_DAYS: '90', REDIS_KEY_PREFIX: `usage-retention-${randomUUID().slice(0, 8)}:` });
    db = new Client({ connectionString: database.url });
    await db.connect();
  }, 60_000);
  afterAll(async () => {
    await db?.end();
    await app?.close().catch(() => undefined);
    await database?.drop();
  }, 30_000);

  it('deletes usage rows and quota alerts older than USAGE_RETENTION_DAYS, in batches, and keeps the rest', async () => {
    for (const days of [400, 120, 91]) await insertUsage(daysAgo(days), '0.500000000000');
    for (const days of [89, 30, 0]) await insertUsage(daysAgo(days), '0.250000000000');
    // More than one DELETE batch (5,000 rows) of old rows.
    await db.query(
      `INSERT INTO usage_records (request_id, created_at, api_key_name, operation, route, provider, model, latency_ms, status, cost_usd)
       SELECT gen_random_uuid()::text, $1::timestamptz - (i || ' seconds')::interval, 'default', 'proxy.chat', 'openai', 'openai', 'gpt-6-luna', 10, 'success', 0.001
       FROM generate_series(1, 6000) AS i`,
      [daysAgo(200)],
    );
    for (const days of [95, 10]) await insertAlert(daysAgo(days));

    const pruned = await app.app.get(UsageRetention).prune(NOW);

    expect(pruned).toEqual({ before: daysAgo(90).toISOString(), usageRows: 6003, quotaAlerts: 1 });
    expect(await rowDays()).toEqual([0, 30, 89]);
    expect((await db.query('SELECT count(*)::int AS n FROM quota_alerts')).rows[0].n).toBe(1);
  });

  it('reports the kept rows exactly, and nothing of the deleted ones (the 91-day-old row fell on 2026-09-06)', async () => {
    const report = await app.http.get('/api/costs/report').query({ from: '2026-09-01', to: '2026-12-06' }).set(bearer(ADMIN_KEY));
    expect(report.status).toBe(200);
    expect(report.body.rows.map((r: { key: string }) => r.key)).toEqual(['2026-09-08', '2026-11-06', '2026-12-06']);
    expect(report.body.totals).toMatchObject({ requests: 3, costUsd: '0.750000000000' });
  });

  it('schedules the daily job when a retention is set', () => {
    expect(app.app.get(SchedulerRegistry).doesExist('cron', 'usage-retention')).toBe(true);
  });
});

describe('Usage retention settings', () => {
  it('keeps every row by default: no job, nothing deleted', async () => {
    const app = await startTestApp({ USAGE_RETENTION_DAYS: undefined });
    try {
      expect(app.app.get(SchedulerRegistry).doesExist('cron', 'usage-retention')).toBe(false);
      await expect(app.app.get(UsageRetention).prune()).resolves.toBeNull();
    } finally {
      await app.close();
    }
  });

  it('refuses a retention shorter than 90 days, which would cut into the budget months', () => {
    expect(() => loadConfig({ USAGE_RETENTION_DAYS: '30' })).toThrow(/USAGE_RETENTION_DAYS/);
  });
});
