import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Client } from 'pg';

import example from 'src/payroll/dto/validate-payslip.example.json';
import { loadShippedIndicators, periodOf } from 'src/payroll';

import { startEmulator, type Emulator } from 'test/emulator/emulator';

import { ADMIN_KEY, API_KEY, bearer, startTestApp } from './setup';

type TestApp = Awaited<ReturnType<typeof startTestApp>>;

const ERROR_BODY = { statusCode: 400, error: 'Bad Request', message: expect.any(String), requestId: expect.any(String) };
const CRON_FIELDS = [
  'uf',
  'utm',
  'uta',
  'sueldo_minimo',
  'afp_tope_uf',
  'afc_tope_uf',
  'apv_tope_mensual_uf',
  'apv_tope_anual_uf',
  'asig_fam_tramo_1',
  'asig_fam_tramo_2',
  'asig_fam_tramo_3',
  'asig_fam_tramo_4',
  'exvida_pct',
  'afc_trabajador_indefinido',
  'afc_empleador_indefinido',
  'fonasa_pct',
];
const FIXTURE_CSV = readFileSync(resolve(__dirname, '../fixtures/payroll/indicators-import.csv'), 'utf8');

/** The §3.4 example with the AFP line replaced by `amount`. */
const withAfpLine = (amount: number, extra: Record<string, unknown> = {}) => ({
  ...example,
  ...extra,
  lines: example.lines.map((line) => (line.code === 'AFP' ? { ...line, amount, total: amount } : line)),
});

async function query<T extends Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
  const db = new Client({ connectionString: process.env.E2E_DATABASE_URL });
  await db.connect();
  try {
    return (await db.query<T>(sql, params)).rows;
  } finally {
    await db.end();
  }
}

describe('Payroll (real app, Postgres, Redis)', () => {
  let app: TestApp;
  let replica: TestApp;

  beforeAll(async () => {
    // Both replicas share a Redis namespace of their own, so only they hear each other's invalidations; started together to race the seed.
    const env = { THROTTLE_PAYROLL_PER_MIN: '1000', THROTTLE_INDICATORS_PER_MIN: '1000', REDIS_KEY_PREFIX: `payroll-e2e-${randomUUID().slice(0, 8)}:` };
    [app, replica] = await Promise.all([startTestApp(env), startTestApp(env)]);
  });
  afterAll(async () => {
    await app?.close();
    await replica?.close();
  });

  const validate = (body: object, on: TestApp = app) => on.http.post('/api/payroll/validate').set(bearer()).send(body);
  const importFile = (format: 'json' | 'csv', content: string, key = ADMIN_KEY) => app.http.post('/api/payroll/indicators/import').set(bearer(key)).send({ format, content });

  describe('documentation', () => {
    it('describes the three routes under the payroll tag with a realistic example body', async () => {
      const doc = (await app.http.get('/docs-json')).body;
      const validateOp = doc.paths['/api/payroll/validate'].post;
      expect(validateOp).toMatchObject({ tags: ['payroll'], summary: expect.any(String) });
      expect(doc.paths['/api/payroll/indicators/{period}'].get).toMatchObject({ tags: ['payroll'], summary: expect.any(String) });
      expect(doc.paths['/api/payroll/indicators/import'].post).toMatchObject({ tags: ['payroll'], summary: expect.any(String) });
      expect(doc.components.schemas.ValidatePayslipDto.properties.lines.example).toEqual(example.lines);
    });
  });

  describe('seed', () => {
    it('stores every shipped period once even though two replicas started together', async () => {
      const rows = await query<{ period: string; imported_by: string }>('SELECT period, imported_by FROM payroll_indicator_sets ORDER BY period');
      const shipped = [...loadShippedIndicators().keys()];
      expect(rows.map((r) => r.period)).toEqual(expect.arrayContaining(shipped));
      expect(rows.filter((r) => shipped.includes(r.period)).every((r) => r.imported_by === 'shipped' || r.imported_by === 'admin')).toBe(true);
    });

    it('reports the stored periods in the health summary', async () => {
      const res = await app.http.get('/health');
      expect(res.body.dependencies.payroll_indicators).toEqual({ status: 'up', periods: expect.any(Number), latest: expect.stringMatching(/^\d{4}-\d{2}$/) });
      expect(res.body.dependencies.payroll_indicators.periods).toBeGreaterThanOrEqual(31);
    });
  });

  describe('POST /api/payroll/validate', () => {
    it('approves the addon example (§3.4) with every field the addon reads, and no explanation without a vendor', async () => {
      const res = await validate(example);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ success: true, errors: [], warnings: [], recommendation: 'approve', period_used: '2026-03', explanation: null });
      expect(res.body.confidence).toBeGreaterThanOrEqual(80);
      expect(res.body.confidence).toBeLessThanOrEqual(100);
      const afp = res.body.lines.find((l: { code: string }) => l.code === 'AFP');
      expect(afp).toMatchObject({ expected: 123083, found: 123083, difference: 0, status: 'ok' });
    });

    it('reports a wrong AFP line with expected vs found and rejects the slip', async () => {
      const res = await validate(withAfpLine(-120000, { afp: 'Modelo' }));
      expect(res.status).toBe(200);
      expect(res.body.recommendation).toBe('reject');
      expect(res.body.errors).toEqual(expect.arrayContaining(['AFP: esperado $123.083, encontrado $120.000 (diferencia -$3.083)']));
      expect(res.body.errors.every((e: unknown) => typeof e === 'string')).toBe(true);
      const afp = res.body.lines.find((l: { code: string }) => l.code === 'AFP');
      expect(afp).toMatchObject({ rule: 'P-03', expected: 123083, found: 120000, difference: -3083, status: 'error' });
      expect(afp.indicator_used).toContain('modelo 0,58 %');
    });

    it('validates a slip with an AFP it does not know, warning instead of refusing', async () => {
      const res = await validate({ ...example, afp: 'AFP Inexistente' });
      expect(res.status).toBe(200);
      expect(res.body.warnings).toContainEqual(expect.stringMatching(/^AFP desconocida "AFP Inexistente" \(conocidas: capital, .*\): no se verificó la tasa/));
    });

    it.each([
      ['a negative wage', { ...example, wage: -1 }, /wage/],
      ['a period in the future', { ...example, period: '2099-01' }, /2099-01 está en el futuro/],
      ['a malformed period', { ...example, period: '2026-3' }, /period/],
      ['a line total beyond safe integers', { ...example, lines: [{ ...example.lines[0], total: 9007199254740992 }, ...example.lines.slice(1)] }, /total/],
      ['an absurd line amount', { ...example, lines: [{ ...example.lines[0], amount: -1e308 }, ...example.lines.slice(1)] }, /amount/],
    ])('answers %s with a 400 in the standard error body', async (_case, body, message) => {
      const res = await validate(body);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject(ERROR_BODY);
      expect(res.body.message).toMatch(message);
    });

    it('needs an API key', async () => {
      expect((await app.http.post('/api/payroll/validate').send(example)).status).toBe(401);
    });
  });

  describe('GET /api/payroll/indicators/:period', () => {
    it('returns the cron fields of 2026-03 as numbers, ignoring force', async () => {
      const res = await app.http.get('/api/payroll/indicators/2026-03?force=true').set(bearer());
      expect(res.status).toBe(200);
      expect(res.body.success).toBe(true);
      for (const field of CRON_FIELDS) expect(typeof res.body.indicators[field]).toBe('number');
      expect(res.body.indicators).toMatchObject({ uf: 39841.72, utm: 69889, uta: 838668, sueldo_minimo: 539000, afp_tope_uf: 90, afc_tope_uf: 135.2, exvida_pct: 1.54 });
      expect(res.body.metadata).toMatchObject({ period: '2026-03', source: expect.any(String), fields_count: Object.keys(res.body.indicators).length });
      expect(Array.isArray(res.body.unconfirmed)).toBe(true);
    });

    it('answers the current month with every cron field on a fresh start with no source reachable, carried values flagged', async () => {
      const current = periodOf(new Date());
      const res = await app.http.get(`/api/payroll/indicators/${current}`).set(bearer());
      expect(res.status).toBe(200);
      for (const field of CRON_FIELDS) expect(typeof res.body.indicators[field]).toBe('number');
      for (const field of CRON_FIELDS) expect(res.body.statuses[field]).toEqual(expect.any(String));
      expect(res.body.statuses).toMatchObject({ uf: 'carried_forward', utm: 'carried_forward', sueldo_minimo: 'carried_forward', fonasa_pct: 'confirmed' });
      expect(res.body.carried_forward).toEqual(expect.arrayContaining(['uf', 'utm', 'uta', 'sueldo_minimo', 'afp_tope_uf']));
      expect(res.body.provenance.uf).toMatchObject({ status: 'carried_forward', carried_from: expect.stringMatching(/^\d{4}-\d{2}$/) });
      expect(res.body.metadata).toMatchObject({ period: current });
    });

    it('answers a malformed period with 400 naming the nearest period', async () => {
      const res = await app.http.get('/api/payroll/indicators/2026-3').set(bearer());
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject(ERROR_BODY);
      expect(res.body.message).toContain('Período disponible más cercano: 2026-03');
    });

    it('answers an unknown period with 404 naming the nearest period', async () => {
      const res = await app.http.get('/api/payroll/indicators/2023-05').set(bearer());
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ ...ERROR_BODY, statusCode: 404, error: 'Not Found' });
      expect(res.body.message).toBe('No hay indicadores para 2023-05. Período disponible más cercano: 2024-01');
    });
  });

  describe('POST /api/payroll/indicators/import', () => {
    const march = () => loadShippedIndicators().get('2026-03')!;

    it('needs the admin key', async () => {
      const content = JSON.stringify([march()]);
      expect((await importFile('json', content, API_KEY)).status).toBe(403);
      expect((await app.http.post('/api/payroll/indicators/import').send({ format: 'json', content })).status).toBe(401);
    });

    it('changes the next validation on every replica without a restart, and records a revision with the key name', async () => {
      const body = withAfpLine(-123083, { afp: 'Modelo' });
      expect((await validate(body, replica)).body.recommendation).toBe('approve');

      const raised = march();
      raised.afpCommissionPct.value!.modelo = 0.69;
      const res = await importFile('json', JSON.stringify([raised]));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ imported_by: 'admin', format: 'json', periods: [{ period: '2026-03', action: 'updated', changed: ['afpCommissionPct'] }] });

      const here = await validate(body);
      expect(here.body.recommendation).toBe('reject');
      expect(here.body.lines.find((l: { code: string }) => l.code === 'AFP')).toMatchObject({ expected: 124363, found: 123083, status: 'error' });
      let there = await validate(body, replica);
      for (let i = 0; i < 40 && there.body.recommendation !== 'reject'; i++) {
        await new Promise((r) => setTimeout(r, 50));
        there = await validate(body, replica);
      }
      expect(there.body.recommendation).toBe('reject');

      const revisions = await query<{ period: string; imported_by: string; format: string }>('SELECT period, imported_by, format FROM payroll_indicator_revisions WHERE import_id = $1', [
        res.body.import_id,
      ]);
      expect(revisions).toEqual([{ period: '2026-03', imported_by: 'admin', format: 'json' }]);

      const restored = await importFile('json', JSON.stringify([march()]));
      expect(restored.body.periods).toEqual([{ period: '2026-03', action: 'updated', changed: ['afpCommissionPct'] }]);
      expect((await validate(body)).body.recommendation).toBe('approve');
    });

    it('creates a new period from the CSV format and serves it', async () => {
      const res = await importFile('csv', FIXTURE_CSV.replaceAll('2026-06', '2030-01'));
      expect(res.status).toBe(200);
      expect(res.body.periods).toEqual([expect.objectContaining({ period: '2030-01', action: 'created' })]);
      const served = await app.http.get('/api/payroll/indicators/2030-01').set(bearer());
      expect(served.body.indicators).toMatchObject({ uf: 40733.25, utm: 71506, uta: 71506 * 12, afp_modelo_comision_pct: 0.58 });
      expect(served.body.metadata).toMatchObject({ source: 'import:csv', imported_by: 'admin' });
    });

    it('rejects a CSV with bad rows as a whole, naming the rows, and applies nothing', async () => {
      const lines = FIXTURE_CSV.replaceAll('2026-06', '2031-01').trimEnd().split('\n');
      lines[1] = '2031-01,uf,not-a-number,Previred,confirmed';
      lines[3] = '2031-01,imm,-5,Ley 21.751,confirmed';
      const res = await importFile('csv', lines.join('\n'));
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject(ERROR_BODY);
      expect(res.body.message).toMatch(/row 2 \(2031-01 uf\)/);
      expect(res.body.message).toMatch(/row 4 \(2031-01 imm\)/);
      expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['row 2 (2031-01 uf)', 'row 4 (2031-01 imm)']));

      expect((await app.http.get('/api/payroll/indicators/2031-01').set(bearer())).status).toBe(404);
      expect(await query('SELECT 1 FROM payroll_indicator_sets WHERE period = $1', ['2031-01'])).toEqual([]);
      expect(await query('SELECT 1 FROM payroll_indicator_revisions WHERE period = $1', ['2031-01'])).toEqual([]);
    });

    it('answers 400 for a NUL in the file or a JSON value that cannot be turned into text', async () => {
      const nul = await importFile('csv', FIXTURE_CSV.replaceAll('2026-06', '2032-01').replace('Previred', 'Previred\u0000'));
      expect(nul.status).toBe(400);
      expect(nul.body.message).toMatch(/control character/);
      const hostile = `[{"period":"2032-02","apvTopes":{"source":"x","status":"confirmed","confirmed":true,"value":{"monthlyUf":{"toString":1},"annualUf":[{"toString":1}]}}}]`;
      const res = await importFile('json', hostile);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject(ERROR_BODY);
      expect(res.body.message).toMatch(/2032-02 apvTopes\) \(must have positive monthlyUf and annualUf\)/);
    });
  });
});

describe('Payroll explanation with an LLM vendor (emulator)', () => {
  let emulator: Emulator;
  let app: TestApp;

  beforeAll(async () => {
    emulator = await startEmulator();
    app = await startTestApp({
      REDIS_KEY_PREFIX: `payroll-llm-e2e-${randomUUID().slice(0, 8)}:`,
      ANTHROPIC_API_KEY: 'test',
      ANTHROPIC_BASE_URL: emulator.url,
      DEFAULT_MODEL: 'claude-sonnet-4',
      RESPONSE_CACHE_TTL_SECONDS: '0',
      LLM_RETRY_BASE_MS: '20',
      LLM_RETRY_MAX_MS: '200',
      THROTTLE_PAYROLL_PER_MIN: '1000',
    });
  });
  afterEach(() => emulator.reset());
  afterAll(async () => {
    await emulator?.close();
    await app?.close();
  }, 30_000);

  const validate = (body: object) => app.http.post('/api/payroll/validate').set(bearer()).send(body);

  it('adds an explanation of the findings in its own field without touching the verdict', async () => {
    emulator.script({ vendor: 'anthropic', reply: 'La cotización AFP está $3.083 bajo lo esperado; corrija la línea AFP.' });
    const res = await validate(withAfpLine(-120000, { afp: 'Modelo' }));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      recommendation: 'reject',
      explanation: { text: 'La cotización AFP está $3.083 bajo lo esperado; corrija la línea AFP.', provider: 'anthropic', model: expect.any(String) },
    });
    expect(res.body.errors).toContain('AFP: esperado $123.083, encontrado $120.000 (diferencia -$3.083)');
  });

  it('does not call the vendor for a clean slip', async () => {
    const res = await validate(example);
    expect(res.body).toMatchObject({ recommendation: 'approve', explanation: null });
    expect(emulator.stats().received).toBe(0);
  });

  it('still answers 200 with the same verdict when the vendor fails, explaining from the findings alone', async () => {
    emulator.script({ vendor: 'anthropic', status: 500 });
    const res = await validate(withAfpLine(-120000, { afp: 'Modelo' }));
    expect(res.status).toBe(200);
    expect(res.body.recommendation).toBe('reject');
    expect(res.body.explanation).toEqual({ text: expect.stringMatching(/^La liquidación debe corregirse\. Error: AFP: esperado \$123\.083/), provider: 'offline', model: 'offline' });
  });
});
