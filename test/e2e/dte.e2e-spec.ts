import { DteClock } from 'src/dte/dte-clock';
import { fixtureNames, FIXTURE_NOW, loadFixture } from 'test/fixtures/dte/dte-factory';
import { bearer, OTHER_KEY, startTestApp } from './setup';

/** The reception body of odoo-contract.md §3.1, exactly as the addon builds it (history items carry no `message`). */
function addonValidateBody(dteOverrides: Record<string, unknown> = {}) {
  return {
    dte_data: {
      tipo_dte: '33',
      folio: '8811',
      fecha_emision: '2026-11-10',
      rut_emisor: '78112233-5',
      razon_social_emisor: 'Comercial Maipo Ltda.',
      monto_total: 499800.0,
      monto_neto: 420000.0,
      monto_iva: 79800.0,
      monto_exento: 0.0,
      ...dteOverrides,
    },
    history: [{ tipo_dte: '33', folio: '8790', fecha_emision: '2026-10-14', monto_total: 476000.0, monto_neto: 400000.0, monto_iva: 76000.0, monto_exento: 0.0 }],
    company_id: 1,
    mode: 'reception',
  };
}

/** The match_po body of odoo-contract.md §3.2 with three pending POs of the same supplier, newest first. */
function addonMatchPoBody() {
  return {
    dte_data: {
      partner_id: 55,
      partner_vat: '78112233-5',
      partner_name: 'Comercial Maipo Ltda.',
      total_amount: 499800.0,
      date: '2026-11-10',
      reference: '8811',
      lines: [{ numero: '1', nombre: 'Cemento Polpaico 25 kg', descripcion: 'Saco 25 kg', cantidad: 100, precio_unitario: 4200, monto_total: 420000 }],
    },
    pending_pos: [
      {
        id: 345,
        name: 'P00045',
        amount_total: 261800.0,
        date_order: '2026-11-05 16:20:00',
        currency: 'CLP',
        lines: [{ product_id: 420, product_name: 'Cemento Polpaico 25kg saco', qty: 50, price_unit: 4400, subtotal: 220000 }],
      },
      {
        id: 342,
        name: 'P00042',
        amount_total: 499800.0,
        date_order: '2026-11-02 10:00:00',
        currency: 'CLP',
        lines: [{ product_id: 420, product_name: 'Cemento Polpaico 25kg saco', qty: 100, price_unit: 4200, subtotal: 420000 }],
      },
      {
        id: 339,
        name: 'P00039',
        amount_total: 238000.0,
        date_order: '2026-10-20 09:30:00',
        currency: 'CLP',
        lines: [{ product_id: 431, product_name: 'Fierro estriado 12 mm', qty: 50, price_unit: 4000, subtotal: 200000 }],
      },
    ],
    company_id: 1,
  };
}

function suggestBody() {
  return {
    partner_id: 55,
    partner_vat: '78112233-5',
    partner_name: 'Comercial Maipo Ltda.',
    company_id: 1,
    invoice_lines: [{ description: 'Cemento Polpaico 25 kg obra Edificio Los Robles', quantity: 100, price: 4200 }],
    available_projects: [
      { id: 12, name: 'Edificio Los Robles', code: '', partner_name: '', state: 'active', budget: 0 },
      { id: 15, name: 'Condominio Alto Maipo', code: '', partner_name: '', state: 'active', budget: 0 },
    ],
    historical_purchases: [
      { date: '2026-10-01', project_name: 'Edificio Los Robles', amount: 476000 },
      { date: '2026-09-01', project_name: 'Edificio Los Robles, Condominio Alto Maipo', amount: 119000 },
    ],
  };
}

/** Every field the addon reads from /api/ai/validate, plus the structured extras, with their types. */
function expectAddonFields(body: Record<string, unknown>): void {
  expect(typeof body.confidence).toBe('number');
  expect(body.confidence).toBeGreaterThanOrEqual(0);
  expect(body.confidence).toBeLessThanOrEqual(100);
  expect(Array.isArray(body.warnings) && (body.warnings as unknown[]).every((w) => typeof w === 'string')).toBe(true);
  expect(Array.isArray(body.errors) && (body.errors as unknown[]).every((e) => typeof e === 'string')).toBe(true);
  expect(['send', 'review', 'reject']).toContain(body.recommendation);
  const reception = { send: 'accept', review: 'review', reject: 'reject' }[body.recommendation as string];
  expect(body.reception_recommendation).toBe(reception);
  expect(Array.isArray(body.rules_run) && (body.rules_run as unknown[]).length).toBeGreaterThan(0);
  for (const finding of body.findings as Record<string, unknown>[]) {
    expect(finding).toEqual(expect.objectContaining({ ruleId: expect.any(String), severity: expect.stringMatching(/^(block|warn|info)$/), path: expect.any(String), message: expect.any(String) }));
  }
  expect(typeof body.llm_used).toBe('boolean');
  expect(typeof body.degraded).toBe('boolean');
}

describe('DTE routes through the real app (no LLM vendor configured)', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;

  beforeAll(async () => {
    app = await startTestApp({
      REDIS_KEY_PREFIX: `dte-e2e-${Date.now()}:`,
      THROTTLE_DTE_VALIDATE_PER_MIN: '1000',
      THROTTLE_MATCH_PO_PER_MIN: '1000',
      THROTTLE_DEFAULT_PER_MIN: '1000',
    });
    jest.spyOn(app.app.get(DteClock), 'now').mockImplementation(() => new Date(FIXTURE_NOW));
  });
  afterAll(() => app.close());

  const validate = (body: object, key?: string) => app.http.post('/api/ai/validate').set(bearer(key)).send(body);

  describe('POST /api/ai/validate', () => {
    it('answers the addon reception body with every field the addon reads, rules-only and marked degraded', async () => {
      const res = await validate(addonValidateBody());
      expect(res.status).toBe(200);
      expectAddonFields(res.body);
      expect(res.body).toMatchObject({ recommendation: 'send', reception_recommendation: 'accept', errors: [], form: 'addon', llm_used: false, degraded: true, degraded_reason: 'no_vendor' });
      expect(res.body.provider).toBeUndefined();
    });

    it.each([
      ['dotted RUT', { rut_emisor: '78.112.233-5' }],
      ['CL-prefixed RUT', { rut_emisor: 'CL78112233-5' }],
      ['guía 52 with total 0', { tipo_dte: '52', folio: '7001', monto_total: 0.0, monto_neto: 0.0, monto_iva: 0.0 }],
    ])('accepts a %s with 200 and does not reject it', async (_, overrides) => {
      const res = await validate(addonValidateBody(overrides));
      expect(res.status).toBe(200);
      expectAddonFields(res.body);
      expect(res.body.recommendation).not.toBe('reject');
      expect(res.body.errors).toEqual([]);
    });

    it('rejects a wrong check digit with a readable error string', async () => {
      const res = await validate(addonValidateBody({ rut_emisor: '78112233-4' }));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ recommendation: 'reject', reception_recommendation: 'reject' });
      expect(res.body.errors.join('\n')).toMatch(/78112233/);
      expect(res.body.findings.map((f: { ruleId: string }) => f.ruleId)).toContain('R-02');
    });

    it('answers 400 with the standard error body only when there is no document at all', async () => {
      const res = await validate({ company_id: 1, history: [] });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request', requestId: expect.any(String) });
    });

    it('answers 403 when the key may not act for the addon company, and 200 for its own company', async () => {
      const foreign = await validate(addonValidateBody(), OTHER_KEY);
      expect(foreign.status).toBe(403);
      expect(foreign.body.message).toMatch(/company 1/);
      const own = await validate({ ...addonValidateBody(), company_id: 7 }, OTHER_KEY);
      expect(own.status).toBe(200);
      const richWithoutCompany = await validate({ dte: loadFixture('clean-sii-33').input.dte }, OTHER_KEY);
      expect(richWithoutCompany.status).toBe(403);
    });

    describe('fixture set test/fixtures/dte', () => {
      const bodyOf = (name: string) => {
        const fixture = loadFixture(name);
        return { ...fixture.input, history: fixture.history ?? fixture.input.history ?? [] };
      };

      it('covers clean documents of types 33, 34, 39, 52, 56 and 61', () => {
        const types = new Set(fixtureNames('clean-').map((name) => /clean-(?:sii|addon)-(\d+)/.exec(name)![1]));
        expect([...types].sort()).toEqual(['33', '34', '39', '52', '56', '61']);
      });

      it.each(fixtureNames('clean-'))('%s is answered 200 and not rejected', async (name) => {
        const res = await validate(bodyOf(name));
        expect(res.status).toBe(200);
        expectAddonFields(res.body);
        expect(res.body.recommendation).not.toBe('reject');
        expect(res.body.errors).toEqual([]);
      });

      it.each(fixtureNames('defect-'))('%s is answered 200 and rejected, flagged or noted by its rule', async (name) => {
        const fixture = loadFixture(name);
        const res = await validate(bodyOf(name));
        expect(res.status).toBe(200);
        expectAddonFields(res.body);
        expect(res.body.findings.map((f: { ruleId: string }) => f.ruleId)).toContain(fixture.expect.ruleId);
        expect(res.body.recommendation).toBe(fixture.expect.recommendation);
        if (res.body.recommendation === 'reject') expect(res.body.errors.length).toBeGreaterThan(0);
        else if (res.body.recommendation === 'review') expect(res.body.warnings.length).toBeGreaterThan(0);
        else expect(res.body.findings).toContainEqual(expect.objectContaining({ ruleId: fixture.expect.ruleId, severity: 'info' }));
      });
    });
  });

  describe('POST /api/ai/reception/match_po', () => {
    it('ranks the addon body with three pending POs and picks the one that matches, with reasons', async () => {
      const res = await app.http.post('/api/ai/reception/match_po').set(bearer()).send(addonMatchPoBody());
      expect(res.status).toBe(200);
      expect(res.body.matched_po_id).toBe(342);
      expect(typeof res.body.confidence).toBe('number');
      expect(res.body.confidence).toBeGreaterThanOrEqual(60);
      expect(res.body.candidates.map((c: { po_id: number }) => c.po_id)).toEqual([342, 345, 339]);
      expect(res.body.candidates[0].reasons.join(' ')).toMatch(/igual al de la OC/);
      expect(res.body.line_matches).toEqual([expect.objectContaining({ dte_line: 0, po_line: 0, product_id: 420 })]);
      expect(res.body.reasoning).toMatch(/^P00042: /);
      expect(res.body).toMatchObject({ needs_tiebreak: false, decided_by: 'rules', llm_used: false });
    });

    it('accepts the invoice_data alias and answers the deprecated /api/ai/reconcile with Deprecation and Link headers', async () => {
      const { dte_data, ...rest } = addonMatchPoBody();
      const res = await app.http
        .post('/api/ai/reconcile')
        .set(bearer())
        .send({ ...rest, invoice_data: dte_data });
      expect(res.status).toBe(200);
      expect(res.headers.deprecation).toBe('true');
      expect(res.headers.link).toBe('</api/ai/reception/match_po>; rel="successor-version"');
      expect(res.body.matched_po_id).toBe(342);
      const current = await app.http.post('/api/ai/reception/match_po').set(bearer()).send(addonMatchPoBody());
      expect(current.headers.deprecation).toBeUndefined();
    });

    it('answers no match with the reason when two POs are exactly tied and no LLM can break the tie', async () => {
      const body = addonMatchPoBody();
      const twin = { ...body.pending_pos[1], id: 350, name: 'P00050' };
      const res = await app.http
        .post('/api/ai/reception/match_po')
        .set(bearer())
        .send({ ...body, pending_pos: [body.pending_pos[1], twin] });
      expect(res.status).toBe(200);
      expect(res.body.matched_po_id).toBeNull();
      expect(res.body.needs_tiebreak).toBe(true);
      expect(res.body.reasoning).toMatch(/P00042 y P00050 empatan/);
    });

    it('answers 403 for a company the key may not act for', async () => {
      const res = await app.http.post('/api/ai/reception/match_po').set(bearer(OTHER_KEY)).send(addonMatchPoBody());
      expect(res.status).toBe(403);
    });

    it("reads Odoo's loose values: false for empty fields, numbers as text, a datetime as the DTE date", async () => {
      const body = addonMatchPoBody();
      const loose = {
        ...body,
        dte_data: { ...body.dte_data, partner_id: false, partner_vat: false, total_amount: '499800.0', date: '2026-11-10 00:00:00', reference: 8811 },
        pending_pos: body.pending_pos.map((po) => ({ ...po, amount_total: String(po.amount_total), currency: false, lines: po.lines.map((l) => ({ ...l, product_id: false })) })),
      };
      const res = await app.http.post('/api/ai/reception/match_po').set(bearer()).send(loose);
      expect(res.status).toBe(200);
      expect(res.body.matched_po_id).toBe(342);
      expect(res.body.line_matches).toEqual([expect.objectContaining({ dte_line: 0, po_line: 0, product_id: null })]);
      expect(res.body.candidates[0].reasons).toEqual(expect.arrayContaining(['Total $499.800 igual al de la OC', 'OC emitida 8 días antes del documento']));
    });

    it.each([
      ['/api/ai/reception/match_po', 'dte_data.lines', { lines: 0 }, 'lines must be an array'],
      ['/api/ai/reception/match_po', 'dte_data.date', { date: { x: 1 } }, 'date must be a real YYYY-MM-DD date (a datetime is accepted)'],
      ['/api/ai/reconcile', 'dte_data.total_amount', { total_amount: { value: 499800 } }, 'total_amount must be a number (numeric text is accepted)'],
    ])('%s answers 400 naming %s when it has the wrong type', async (path, field, change, problem) => {
      const body = addonMatchPoBody();
      const res = await app.http
        .post(path)
        .set(bearer())
        .send({ ...body, dte_data: { ...body.dte_data, ...change } });
      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        message: `Invalid request: ${field} (${problem})`,
        requestId: res.headers['x-request-id'],
        details: [{ field, problems: [problem] }],
      });
    });

    it('answers 400 naming the pending PO whose date_order or lines are unusable', async () => {
      const body = addonMatchPoBody();
      const pendingPos = [body.pending_pos[0], { ...body.pending_pos[1], date_order: 20261102, lines: [[body.pending_pos[1].lines[0]]] }];
      const res = await app.http
        .post('/api/ai/reception/match_po')
        .set(bearer())
        .send({ ...body, pending_pos: pendingPos });
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([
        { field: 'pending_pos.1.date_order', problems: ['date_order must be a real YYYY-MM-DD date (a datetime is accepted)'] },
        { field: 'pending_pos.1.lines', problems: ['lines[0] must be an object (a PO line)'] },
      ]);
    });
  });

  describe('project suggestion', () => {
    it.each(['/api/ai/analytics/suggest_project', '/api/v1/analytics/match'])('%s answers the §3.3 shape plus candidates', async (path) => {
      const res = await app.http.post(path).set(bearer()).send(suggestBody());
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ project_id: 12, project_name: 'Edificio Los Robles', decided_by: 'rules', llm_used: false });
      expect(res.body.confidence).toBeGreaterThanOrEqual(40);
      expect(res.body.confidence).toBeLessThanOrEqual(100);
      expect(res.body.reasoning).toMatch(/^Edificio Los Robles: /);
      expect(res.body.candidates.map((c: { project_id: number }) => c.project_id)).toEqual([12, 15]);
    });

    it.each(['/api/ai/analytics/suggest_project', '/api/v1/analytics/match'])('%s answers 400 naming each project that is not an object with an integer id and a text name', async (path) => {
      const body = suggestBody();
      const projects = [body.available_projects[0], [body.available_projects[1]], { name: 'Sin id', code: '' }, { id: 16, code: 'OB-116' }];
      const res = await app.http
        .post(path)
        .set(bearer())
        .send({ ...body, available_projects: projects });
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([
        { field: 'available_projects', problems: ['available_projects[1] must be an object with an integer id and a text name'] },
        { field: 'available_projects.2.id', problems: ['id must be an integer (the project id)'] },
        { field: 'available_projects.3.name', problems: ['name must be text (the project name)'] },
      ]);
    });

    it("accepts Odoo's false in a project's optional fields", async () => {
      const body = suggestBody();
      const projects = body.available_projects.map((p) => ({ ...p, code: false, partner_name: false }));
      const res = await app.http
        .post('/api/ai/analytics/suggest_project')
        .set(bearer())
        .send({ ...body, available_projects: projects });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ project_id: 12, project_name: 'Edificio Los Robles' });
    });
  });

  describe('Swagger', () => {
    it('documents every DTE route with a tag and a realistic example body', async () => {
      const res = await app.http.get('/docs-json');
      expect(res.status).toBe(200);
      const paths = res.body.paths as Record<
        string,
        { post: { tags: string[]; deprecated?: boolean; requestBody: { content: Record<string, { examples?: Record<string, { value: Record<string, unknown> }> }> } } }
      >;
      for (const path of ['/api/ai/validate', '/api/ai/reception/match_po', '/api/ai/reconcile', '/api/ai/analytics/suggest_project', '/api/v1/analytics/match']) {
        const post = paths[path]?.post;
        expect(post?.tags?.length).toBeGreaterThan(0);
        const examples = post.requestBody.content['application/json'].examples ?? {};
        expect(Object.keys(examples).length).toBeGreaterThan(0);
      }
      expect(paths['/api/ai/reconcile'].post.deprecated).toBe(true);
      const addon = paths['/api/ai/validate'].post.requestBody.content['application/json'].examples!.addon.value;
      expect(addon).toMatchObject({ company_id: 1, mode: 'reception', dte_data: expect.objectContaining({ tipo_dte: '33', rut_emisor: expect.any(String) }) });
    });

    it('shows the example bodies that the routes accept', async () => {
      const docs = (await app.http.get('/docs-json')).body;
      const example = (path: string, name: string) => docs.paths[path].post.requestBody.content['application/json'].examples[name].value;
      expect((await validate(example('/api/ai/validate', 'addon'))).status).toBe(200);
      expect((await validate(example('/api/ai/validate', 'sii'))).status).toBe(200);
      const match = await app.http.post('/api/ai/reception/match_po').set(bearer()).send(example('/api/ai/reception/match_po', 'addon'));
      expect(match.body.matched_po_id).toBe(342);
      const suggest = await app.http.post('/api/ai/analytics/suggest_project').set(bearer()).send(example('/api/ai/analytics/suggest_project', 'addon'));
      expect(suggest.body.project_id).toBe(12);
    });
  });
});
