import { DteClock } from 'src/dte/dte-clock';
import { NO_LINES_WARNING } from 'src/dte/dte-validator';
import { FLAT_CREDITO_61, FLAT_FACTURA_33 } from 'src/dte/dto/flat-form-examples';
import { FIXTURE_NOW, loadFixture } from 'test/fixtures/dte/dte-factory';
import { siiXmlOf } from 'test/fixtures/dte/dte-xml-builder';
import { bearer, startTestApp } from './setup';

type Body = { dte_data: Record<string, unknown> } & Record<string, unknown>;
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const ruleIds = (body: { findings: { ruleId: string }[] }) => body.findings.map((f) => f.ruleId);

describe('The flat dte_data form through the real app', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;

  beforeAll(async () => {
    app = await startTestApp({ REDIS_KEY_PREFIX: `dte-flat-e2e-${Date.now()}:`, THROTTLE_DTE_VALIDATE_PER_MIN: '1000', THROTTLE_DEFAULT_PER_MIN: '1000' });
    jest.spyOn(app.app.get(DteClock), 'now').mockImplementation(() => new Date(FIXTURE_NOW));
  });
  afterAll(() => app.close());

  const validate = (body: object) => app.http.post('/api/ai/validate').set(bearer()).send(body);

  it('sends the documented factura with lines and references, having run the line and total rules', async () => {
    const res = await validate(FLAT_FACTURA_33);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ recommendation: 'send', errors: [], warnings: [], unknown_keys: [], form: 'addon' });
    expect(res.body.rules_run).toEqual(expect.arrayContaining(['L-04', 'M-01', 'X-05']));
    expect(res.body.findings).toEqual([expect.objectContaining({ ruleId: 'R-01', severity: 'info', path: 'dte_data.rut_emisor', expected: '76086428-5' })]);
  });

  it('rejects a factura whose lines do not add up to its net amount, naming the flat line key', async () => {
    const body = copy(FLAT_FACTURA_33) as Body;
    (body.dte_data.lineas as Record<string, unknown>[])[1].monto = 26000;
    const res = await validate(body);
    expect(res.status).toBe(200);
    expect(res.body.recommendation).toBe('reject');
    expect(res.body.findings).toEqual(expect.arrayContaining([expect.objectContaining({ ruleId: 'L-04', path: 'dte_data.lineas[1].monto' }), expect.objectContaining({ ruleId: 'M-01' })]));
  });

  it("rejects a credit note without a reference sent with Odoo's English `lines`", async () => {
    const body = copy(FLAT_CREDITO_61) as Body;
    delete body.dte_data.references;
    const res = await validate(body);
    expect(res.status).toBe(200);
    expect(res.body.recommendation).toBe('reject');
    expect(ruleIds(res.body)).toContain('X-01');
  });

  it('says what it could not check on the inbox summary: rules skipped with the missing field, and a warning on send', async () => {
    const res = await validate({ ...loadFixture('clean-addon-61').input, context: undefined });
    expect(res.status).toBe(200);
    expect(res.body.recommendation).toBe('send');
    expect(res.body.warnings).toEqual([NO_LINES_WARNING]);
    expect(res.body.rules_skipped).toEqual(
      expect.arrayContaining([
        { rule_id: 'L-04', title: expect.any(String), missing: ['dte_data.lineas'] },
        { rule_id: 'X-01', title: expect.any(String), missing: ['dte_data.referencias'] },
      ]),
    );
    expect(res.body.rules_run).not.toContain('L-04');
  });

  it('lists unknown keys, and refuses them with a 400 naming each when strict is true', async () => {
    const body = copy(FLAT_FACTURA_33) as Body;
    body.dte_data.glosa_libre = 'x';
    (body.dte_data.lineas as Record<string, unknown>[])[0].color = 'gris';
    const lenient = await validate(body);
    expect(lenient.status).toBe(200);
    expect(lenient.body.unknown_keys).toEqual(['dte_data.glosa_libre', 'dte_data.lineas[0].color']);

    const strict = await validate({ ...body, strict: true });
    expect(strict.status).toBe(400);
    expect(strict.body.details).toEqual([{ field: 'dte_data', problems: [expect.stringContaining('dte_data.glosa_libre, dte_data.lineas[0].color')] }]);
  });

  it('reads a dotted or CL-prefixed RUT in any JSON form with a note, but blocks it inside dte_xml', async () => {
    const fixture = loadFixture('clean-sii-33').input;
    const dte = fixture.dte as Record<string, unknown>;
    const dotted = { ...dte, Receptor: { ...(dte.Receptor as object), RUTRecep: '96.874.030-K' } };
    const json = await validate({ ...fixture, dte: { ...dotted, Emisor: { ...(dte.Emisor as object), RUTEmisor: 'CL76086428-5' } } });
    expect(json.status).toBe(200);
    expect(json.body.recommendation).toBe('send');
    expect(json.body.findings.filter((f: { ruleId: string }) => f.ruleId === 'R-01').map((f: { severity: string }) => f.severity)).toEqual(['info', 'info']);

    const xml = await validate({ dte_xml: siiXmlOf(dotted), context: fixture.context, source: fixture.source });
    expect(xml.status).toBe(200);
    expect(xml.body.recommendation).toBe('reject');
    expect(xml.body.findings).toEqual(expect.arrayContaining([expect.objectContaining({ ruleId: 'R-01', severity: 'block', path: 'Receptor.RUTRecep' })]));
  });

  it.each([
    ['6,000 nested elements in <Detalle>', 6_000],
    ['100,000 nested elements', 100_000],
  ])('answers 400 naming dte_xml for %s, and keeps serving', async (_, levels) => {
    const deep = `<DTE version="1.0"><Documento><Detalle>${'<x>'.repeat(levels)}${'</x>'.repeat(levels)}</Detalle></Documento></DTE>`;
    const res = await validate({ dte_xml: deep, company_id: 1 });
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([{ field: 'dte_xml', problems: [expect.stringMatching(/nests elements more than 40 levels|characters; a DTE is at most/)] }]);
    expect((await app.http.get('/health/live')).status).toBe(200);
  });
});

describe('Swagger documents the flat form and what an answer says it checked', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;

  beforeAll(async () => {
    app = await startTestApp({ REDIS_KEY_PREFIX: `dte-flat-docs-${Date.now()}:`, THROTTLE_DTE_VALIDATE_PER_MIN: '1000', THROTTLE_DEFAULT_PER_MIN: '1000' });
    jest.spyOn(app.app.get(DteClock), 'now').mockImplementation(() => new Date(FIXTURE_NOW));
  });
  afterAll(() => app.close());

  it('has a flat example per document type, each answered send, and documents unknown_keys, rules_skipped and strict', async () => {
    const docs = (await app.http.get('/docs-json')).body;
    const examples = docs.paths['/api/ai/validate'].post.requestBody.content['application/json'].examples as Record<string, { value: object }>;
    const flat = Object.keys(examples).filter((name) => name.startsWith('flat_'));
    expect(flat.sort()).toEqual(['flat_33', 'flat_34', 'flat_39', 'flat_52', 'flat_56', 'flat_61']);
    for (const name of flat) {
      const res = await app.http.post('/api/ai/validate').set(bearer()).send(examples[name].value);
      expect({ name, status: res.status, recommendation: res.body.recommendation }).toEqual({ name, status: 200, recommendation: 'send' });
    }
    const schemas = docs.components.schemas;
    expect(Object.keys(schemas.ValidateDteResponseDto.properties)).toEqual(expect.arrayContaining(['unknown_keys', 'rules_skipped']));
    expect(schemas.ValidateDteRequestDto.properties.strict.type).toBe('boolean');
    expect(Object.keys(schemas.AddonDteDataDto.properties)).toEqual(expect.arrayContaining(['lineas', 'referencias', 'transporte', 'giro_emisor', 'acteco']));
  });
});
