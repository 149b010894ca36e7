import { Client } from 'pg';

import { serve, startFixtureServer, type FixtureServer } from 'test/fixtures/sii/fixture-server';
import { fixtureBytes, fixtureText } from 'test/fixtures/sii/load-fixture';

import { noticeIdOf } from 'src/sii-monitor/notify/sii-notice-sender';

import { bearer, OTHER_KEY, startTestApp } from './setup';

describe('SII monitor (real app, Postgres, Redis; fixture SII pages and Slack webhook)', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let server: FixtureServer;
  let slackPosts: Array<{ text: string }>;

  beforeAll(async () => {
    server = await startFixtureServer();
    app = await startTestApp({
      SII_SOURCES: JSON.stringify([
        { id: 'e2e-circulares', kind: 'circulares', url: `${server.origin}/circulares/indcir.htm` },
        { id: 'e2e-resoluciones', kind: 'resoluciones', url: `${server.origin}/resoluciones/res_ind.htm` },
        { id: 'e2e-missing', kind: 'news', url: `${server.origin}/noticias/moved.html` },
      ]),
      SII_ALLOWED_HOSTS: server.host,
      SII_FETCH_TIMEOUT_MS: '2000',
      SLACK_WEBHOOK_URL: `${server.origin}/slack/webhook`,
      SLACK_TECH_LEAD_ID: 'U0TECHLEAD',
      THROTTLE_SII_MONITOR_PER_MIN: '1000',
    });
  });

  afterAll(async () => {
    await app?.close();
    await server?.close();
  });

  beforeEach(async () => {
    const db = new Client({ connectionString: process.env.E2E_DATABASE_URL });
    await db.connect();
    await db.query('TRUNCATE sii_items, sii_page_states, sii_runs');
    await db.end();
    server.routes.clear();
    server.routes.set('/circulares/indcir.htm', serve(fixtureText('circulares-2026-index.html')));
    server.routes.set('/resoluciones/res_ind.htm', serve(fixtureBytes('resoluciones-2026-index.latin1.htm'), 'text/html; charset=ISO-8859-1'));
    slackPosts = [];
    server.routes.set('/slack/webhook', (_req, res, body) => {
      slackPosts.push(JSON.parse(body));
      res.writeHead(200).end('ok');
    });
  });

  it('needs the API key and validates the body', async () => {
    expect((await app.http.post('/api/ai/sii/monitor').send({})).status).toBe(401);
    expect((await app.http.get('/api/ai/sii/status')).status).toBe(401);
    const bad = await app.http.post('/api/ai/sii/monitor').set(bearer()).send({ force: 'yes' });
    expect(bad.status).toBe(400);
  });

  it('keeps the run, which acts for every company, from keys bound to companies', async () => {
    const scoped = await app.http.post('/api/ai/sii/monitor').set(bearer(OTHER_KEY)).send({});
    expect(scoped.status).toBe(403);
    expect(scoped.body.message).toMatch(/every company/);
    expect(slackPosts).toEqual([]);
    const db = new Client({ connectionString: process.env.E2E_DATABASE_URL });
    await db.connect();
    expect((await db.query('SELECT count(*)::int AS n FROM sii_runs')).rows[0].n).toBe(0);
    await db.end();
    expect((await app.http.get('/api/ai/sii/status').set(bearer(OTHER_KEY))).status).toBe(200);
  });

  it('runs on demand, reports each source, notifies new items once and reports them in the status', async () => {
    const first = await app.http.post('/api/ai/sii/monitor').set(bearer()).send({ force: false });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      status: 'success',
      run_status: 'partial',
      execution_time: expect.stringMatching(/^\d+\.\d{2}s$/),
      urls_scraped: 2,
      news_created: 6,
      changes_detected: 6,
      notifications_sent: 6,
      errors: 1,
    });
    expect(first.body.sources.map((s: { source_id: string; status: string }) => [s.source_id, s.status])).toEqual([
      ['e2e-circulares', 'ok'],
      ['e2e-resoluciones', 'ok'],
      ['e2e-missing', 'not_found'],
    ]);
    expect(slackPosts).toHaveLength(6);
    expect(slackPosts.filter((post) => post.text.startsWith('<@U0TECHLEAD>')).length).toBeGreaterThan(0);

    const second = await app.http.post('/api/ai/sii/monitor').set(bearer()).send({});
    expect(second.body).toMatchObject({ status: 'success', news_created: 0, notifications_sent: 0 });
    expect(slackPosts).toHaveLength(6);

    const status = await app.http.get('/api/ai/sii/status').set(bearer());
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({
      status: 'disabled',
      orchestrator_initialized: true,
      last_execution: expect.any(String),
      news_count_last_24h: 6,
      total_checks: 2,
      error_rate: 1,
      last_run: { trigger: 'manual', status: 'partial', new_items: 0 },
      notifications: { pending: 0, failed: 0, sent: 6 },
    });
    expect(status.body.sources).toHaveLength(3);
  });

  it('gives every notice an id, and a notice resent after a crash mid-send the same id marked as a possible repeat', async () => {
    await app.http.post('/api/ai/sii/monitor').set(bearer()).send({});
    expect(slackPosts).toHaveLength(6);
    const ids = slackPosts.map((post) => /\[(sii-[0-9a-f]{16})\]$/.exec(post.text)?.[1]);
    expect(new Set(ids).size).toBe(6);
    expect(ids.every(Boolean)).toBe(true);

    // The process died after claiming (and maybe delivering) one notice: its row is left 'sending'.
    const db = new Client({ connectionString: process.env.E2E_DATABASE_URL });
    await db.connect();
    const [crashed] = (await db.query(`UPDATE sii_items SET notify_state = 'sending' WHERE key = (SELECT key FROM sii_items ORDER BY key LIMIT 1) RETURNING key, content_hash`)).rows;
    await db.end();
    const crashedId = noticeIdOf({ key: crashed.key, contentHash: crashed.content_hash });
    expect(ids).toContain(crashedId);

    const next = await app.http.post('/api/ai/sii/monitor').set(bearer()).send({});
    expect(next.body).toMatchObject({ notifications_sent: 1 });
    expect(slackPosts).toHaveLength(7);
    const resent = slackPosts[6] as { text: string; blocks: unknown[] };
    expect(resent.text).toMatch(new RegExp(`\\[${crashedId}, reenvío\\]$`));
    expect(JSON.stringify(resent.blocks)).toContain('si ya recibió este aviso, ignórelo');
  });

  it('answers already_running to a trigger that arrives during a run', async () => {
    const [a, b] = await Promise.all([app.http.post('/api/ai/sii/monitor').set(bearer()).send({}), app.http.post('/api/ai/sii/monitor').set(bearer()).send({})]);
    expect([a.body.status, b.body.status].sort()).toEqual(['already_running', 'success']);
    expect(slackPosts).toHaveLength(6);
  });
});
