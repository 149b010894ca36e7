import { randomUUID } from 'node:crypto';
import { Client } from 'pg';

import { PayrollClock } from 'src/payroll/payroll-clock';
import { PdfParseTextExtractor } from 'src/payroll/sources/pdf-text-extractor';

import { serve, startFixtureServer, type FixtureServer } from 'test/fixtures/sii/fixture-server';
import { latin1, sourceFixtureBytes, sourceFixtureText } from 'test/fixtures/payroll/sources/load-source-fixture';
import { textPdf } from 'test/fixtures/payroll/sources/text-pdf';

import { createScratchDatabase, type ScratchDatabase } from './scratch-database';
import { ADMIN_KEY, bearer, startTestApp } from './setup';

const NOW = new Date('2026-12-04T15:00:00Z');
const LATIN1 = 'text/html; charset=ISO-8859-1';

describe('Payroll indicators fetched from SII and Previred (fixture sources over loopback)', () => {
  let server: FixtureServer;
  let database: ScratchDatabase;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let slackPosts: Array<{ text: string }>;
  let now = NOW;

  const indicators = (period: string) => app.http.get(`/api/payroll/indicators/${period}`).set(bearer());
  const fetchNow = () => app.http.post('/api/payroll/indicators/fetch').set(bearer(ADMIN_KEY));
  const status = () => app.http.get('/api/payroll/indicators/fetch/status').set(bearer(ADMIN_KEY));
  const routeAll = () => {
    server.routes.set('/sii/uf/uf2026.htm', serve(sourceFixtureBytes('uf2026.latin1.htm'), LATIN1));
    server.routes.set('/sii/utm/utm2026.htm', serve(sourceFixtureBytes('utm2026.latin1.htm'), LATIN1));
    server.routes.set('/sii/impuesto_2da_categoria/impuesto2026.htm', serve(sourceFixtureBytes('impuesto2026.latin1.htm'), LATIN1));
    server.routes.set('/mindicador/api/uf/2026', serve(sourceFixtureText('mindicador-uf-2026.json'), 'application/json'));
    server.routes.set('/mindicador/api/utm/2026', serve(sourceFixtureText('mindicador-utm-2026.json'), 'application/json'));
    server.routes.set('/previred/', serve('<h1>Servicio no disponible</h1>', 'text/html', 503));
  };

  beforeAll(async () => {
    jest.spyOn(PayrollClock.prototype, 'now').mockImplementation(() => now);
    server = await startFixtureServer();
    routeAll();
    slackPosts = [];
    server.routes.set('/slack/webhook', (_req, res, body) => {
      slackPosts.push(JSON.parse(body));
      res.writeHead(200).end('ok');
    });
    database = await createScratchDatabase('payroll_sources');
    app = await startTestApp({
      DATABASE_URL: database.url,
      PAYROLL_FETCH_ENABLED: 'true',
      PAYROLL_FETCH_CRON: '0 0 0 1 1 *',
      PAYROLL_SII_BASE_URL: `${server.origin}/sii`,
      PAYROLL_PREVIRED_URL: `${server.origin}/previred/`,
      PAYROLL_MINDICADOR_BASE_URL: `${server.origin}/mindicador/api`,
      PAYROLL_FETCH_TIMEOUT_MS: '2000',
      SLACK_WEBHOOK_URL: `${server.origin}/slack/webhook`,
      THROTTLE_INDICATORS_PER_MIN: '1000',
      REDIS_KEY_PREFIX: `payroll-sources-e2e-${randomUUID().slice(0, 8)}:`,
    });
  });

  afterAll(async () => {
    await app?.close();
    await server?.close();
    await database?.drop();
    jest.restoreAllMocks();
  });

  it('fills the missing months by itself at start-up, each value with its status, source URL and page hash', async () => {
    let november = await indicators('2026-11');
    for (let i = 0; i < 100 && november.body.statuses?.uf !== 'confirmed'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      november = await indicators('2026-11');
    }
    expect(november.status).toBe(200);
    expect(november.body.indicators).toMatchObject({ uf: 41215.33, utm: 72513, uta: 870156 });
    expect(november.body.statuses).toMatchObject({ uf: 'confirmed', utm: 'confirmed', sueldo_minimo: 'carried_forward', exvida_pct: 'carried_forward' });
    expect(november.body.provenance.uf).toEqual({
      status: 'confirmed',
      source: 'SII',
      source_url: `${server.origin}/sii/uf/uf2026.htm`,
      fetched_at: expect.any(String),
      source_hash: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
    });

    const july = await indicators('2026-07');
    expect(july.body.indicators.uf).toBe(40801.55);
    expect(july.body.statuses.uf).toBe('confirmed');

    const december = await indicators('2026-12');
    expect(december.body.indicators).toMatchObject({ utm: 72658, uf: 41215.33 });
    expect(december.body.statuses).toMatchObject({ utm: 'confirmed', uf: 'carried_forward' });
    expect(december.body.provenance.uf.carried_from).toBe('2026-11');
    expect(december.body.provenance.taxBrackets).toMatchObject({ status: 'confirmed', source_url: `${server.origin}/sii/impuesto_2da_categoria/impuesto2026.htm` });

    const db = new Client({ connectionString: database.url });
    await db.connect();
    const revisions = await db.query("SELECT period FROM payroll_indicator_revisions WHERE format = 'fetch' AND imported_by = 'indicator-fetch' ORDER BY period");
    await db.end();
    expect(revisions.rows.map((r) => r.period)).toEqual(expect.arrayContaining(['2026-07', '2026-11', '2026-12']));
  });

  it('upgrades carried-forward values when Previred publishes, and carries the new values into the next month', async () => {
    server.routes.set('/previred/', serve(sourceFixtureBytes('previred-2026-11.latin1.htm'), LATIN1));
    const run = await fetchNow();
    expect(run.status).toBe(200);
    expect(run.body).toMatchObject({ status: 'success', trigger: 'admin', refused: [] });
    expect(run.body.changes).toContainEqual(expect.objectContaining({ period: '2026-11', action: 'updated', changed: expect.arrayContaining(['imm', 'sisPct', 'afpCommissionPct']) }));

    const november = await indicators('2026-11');
    expect(november.body.indicators).toMatchObject({ sueldo_minimo: 539000, exvida_pct: 1.62, afp_tope_uf: 90, afc_tope_uf: 135.2 });
    expect(november.body.statuses).toMatchObject({ sueldo_minimo: 'confirmed', exvida_pct: 'confirmed' });
    expect(november.body.provenance.imm).toMatchObject({ source: 'Previred', source_url: `${server.origin}/previred/` });
    const december = await indicators('2026-12');
    expect(december.body.indicators.exvida_pct).toBe(1.62);
    expect(december.body.provenance.sisPct).toMatchObject({ status: 'carried_forward', carried_from: '2026-11' });
  });

  it('refuses a UF the second source disagrees with, keeps the carried value and tells the admin why', async () => {
    const withDecember = sourceFixtureText('uf2026.latin1.htm').replace(/(<tr><th>31<\/th>(?:<td>[^<]*<\/td>){11})<td>&nbsp;<\/td>/, '$1<td>41.302,77</td>');
    server.routes.set('/sii/uf/uf2026.htm', serve(latin1(withDecember), LATIN1));
    const series = JSON.parse(sourceFixtureText('mindicador-uf-2026.json'));
    series.serie.push({ fecha: '2026-12-31T03:00:00.000Z', valor: 41500 });
    server.routes.set('/mindicador/api/uf/2026', serve(JSON.stringify(series), 'application/json'));

    const run = await fetchNow();
    expect(run.body.refused).toEqual([{ period: '2026-12', key: 'uf', reason: expect.stringMatching(/^SII 41\.302,77 y mindicador 41\.500 difieren 0,4\d* %/) }]);
    const december = await indicators('2026-12');
    expect(december.body.indicators.uf).toBe(41215.33);
    expect(december.body.statuses.uf).toBe('carried_forward');
    expect((await status()).body.last_run.refused).toEqual(run.body.refused);

    series.serie[series.serie.length - 1].valor = 41302.77;
    server.routes.set('/mindicador/api/uf/2026', serve(JSON.stringify(series), 'application/json'));
    await fetchNow();
    expect((await indicators('2026-12')).body.statuses.uf).toBe('confirmed');
  });

  it('keeps serving the last good months when every source fails', async () => {
    const before = (await indicators('2026-11')).body.indicators;
    for (const path of [...server.routes.keys()].filter((p) => p !== '/slack/webhook')) server.routes.set(path, serve('down', 'text/plain', 500));
    const run = await fetchNow();
    expect(run.body.status).toBe('error');
    expect(run.body.sources.every((s: { ok: boolean }) => !s.ok)).toBe(true);
    const november = await indicators('2026-11');
    expect(november.status).toBe(200);
    expect(november.body.indicators).toEqual(before);
    expect((await indicators('2026-12')).status).toBe(200);
    routeAll();
  });

  it('alerts once on Slack, in the metric and on the status route when a month is still carried forward after its publishing day', async () => {
    expect((await status()).body.overdue).toEqual([]);
    now = new Date('2026-12-17T15:00:00Z');
    const overdue = (await status()).body.overdue;
    expect(overdue).toEqual([{ period: '2026-12', group: 'previred', due_day: 15, indicators: expect.arrayContaining(['imm', 'sisPct']) }]);
    await status();
    expect(slackPosts.filter((p) => p.text.includes('Previred'))).toHaveLength(1);
    expect(slackPosts[0].text).toContain('2026-12');
    const metrics = await app.http.get('/metrics');
    expect(metrics.text).toMatch(/payroll_indicators_carried_forward_overdue\{group="previred"\} [1-9]/);
    expect(metrics.text).toMatch(/payroll_indicators_carried_forward_overdue\{group="sii"\} 0/);
  });

  it("reads the month from Previred's PDF when the page is down, with the PDF's URL and hash", async () => {
    const extract = jest.spyOn(PdfParseTextExtractor.prototype, 'extract');
    const december = sourceFixtureText('previred-2026-11.pdf.txt')
      .replace('Diciembre 2026 (Remuneraciones Noviembre 2026)', 'Enero 2027 (Remuneraciones Diciembre 2026)')
      .replace('Noviembre 2026 $ 72.513 $ 870.156', 'Diciembre 2026 $ 72.658 $ 871.896')
      .replace('Tasa SIS 1,62%', 'Tasa SIS 1,70%');
    const path = '/wp-content/uploads/2026/12/Indicadores-Previsionales-Previred-Diciembre-2026.pdf';
    server.routes.set(path, serve(textPdf(december), 'application/pdf'));
    try {
      const run = await fetchNow();
      expect(run.body.sources).toContainEqual({ source: 'Previred PDF 2026-12', url: `${server.origin}${path}`, ok: true, sha256: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) });
      const served = await indicators('2026-12');
      expect(served.body.indicators).toMatchObject({ exvida_pct: 1.7, sueldo_minimo: 539000 });
      expect(served.body.provenance.sisPct).toMatchObject({ status: 'confirmed', source: 'Previred PDF', source_url: `${server.origin}${path}`, source_hash: expect.stringMatching(/^sha256:/) });
      expect(served.body.provenance.healthSplit).toMatchObject({ status: 'confirmed', source: 'Previred PDF' });
      expect((await status()).body.overdue).toEqual([]);
      // The real pdf-parse read the served PDF (nothing stood in): one extraction, of a PDF file.
      expect(extract).toHaveBeenCalledTimes(1);
      expect(Buffer.from(extract.mock.calls[0][0]).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    } finally {
      extract.mockRestore();
      server.routes.delete(path);
    }
  });

  it('needs the admin key for the fetch routes', async () => {
    expect((await app.http.post('/api/payroll/indicators/fetch').set(bearer())).status).toBe(403);
    expect((await app.http.get('/api/payroll/indicators/fetch/status').set(bearer())).status).toBe(403);
  });
});

describe('Payroll indicators on a fresh start with no source reachable', () => {
  it('starts without waiting for the sources and answers the current month, carried forward and flagged', async () => {
    const spy = jest.spyOn(PayrollClock.prototype, 'now').mockImplementation(() => NOW);
    const database = await createScratchDatabase('payroll_offline');
    const unreachable = 'http://127.0.0.1:9';
    const app = await startTestApp({
      DATABASE_URL: database.url,
      PAYROLL_FETCH_ENABLED: 'true',
      PAYROLL_SII_BASE_URL: `${unreachable}/sii`,
      PAYROLL_PREVIRED_URL: `${unreachable}/previred/`,
      PAYROLL_MINDICADOR_BASE_URL: `${unreachable}/mindicador`,
      REDIS_KEY_PREFIX: `payroll-offline-e2e-${randomUUID().slice(0, 8)}:`,
    });
    try {
      const res = await app.http.get('/api/payroll/indicators/2026-12').set(bearer());
      expect(res.status).toBe(200);
      expect(res.body.statuses).toMatchObject({ uf: 'carried_forward', utm: 'carried_forward', sueldo_minimo: 'carried_forward' });
      expect(res.body.indicators).toMatchObject({ utm: 71649, sueldo_minimo: 539000, uf: 40610.69 });
      let report = (await app.http.get('/api/payroll/indicators/fetch/status').set(bearer(ADMIN_KEY))).body.last_run;
      for (let i = 0; i < 50 && !report; i++) {
        await new Promise((r) => setTimeout(r, 100));
        report = (await app.http.get('/api/payroll/indicators/fetch/status').set(bearer(ADMIN_KEY))).body.last_run;
      }
      expect(report).toMatchObject({ status: 'error', trigger: 'startup', changes: [] });
    } finally {
      await app.close();
      await database.drop();
      spy.mockRestore();
    }
  });
});
