import { DteClock } from 'src/dte/dte-clock';
import { FIXTURE_NOW, loadFixture } from 'test/fixtures/dte/dte-factory';
import { siiXmlOf } from 'test/fixtures/dte/dte-xml-builder';
import { bearer, startTestApp } from './setup';

/** A received supplier factura for PO P00042 as the SII XML the old /api/ai/reconcile body carried. */
function supplierXml(): string {
  const dte = loadFixture('clean-sii-33').input.dte as Record<string, unknown>;
  return siiXmlOf({
    ...dte,
    Folio: 8811,
    Emisor: { ...(dte.Emisor as object), RUTEmisor: '78112233-5', RznSoc: 'Comercial Maipo Ltda.' },
    Totales: { MntNeto: 420000, TasaIVA: 19, IVA: 79800, MntTotal: 499800 },
    Detalle: [{ NroLinDet: 1, NmbItem: 'Cemento Polpaico 25 kg', QtyItem: 100, PrcItem: 4200, MontoItem: 420000 }],
    Referencia: [{ NroLinRef: 1, TpoDocRef: '801', FolioRef: 'P00042', FchRef: '2026-11-02' }],
  });
}

const PENDING_POS = [
  {
    id: 345,
    name: 'P00045',
    amount_total: 261800.0,
    date_order: '2026-11-05 16:20:00',
    lines: [{ product_id: 420, product_name: 'Cemento Polpaico 25kg saco', qty: 50, price_unit: 4400, subtotal: 220000 }],
  },
  {
    id: 342,
    name: 'P00042',
    amount_total: 499800.0,
    date_order: '2026-11-02 10:00:00',
    lines: [{ product_id: 420, product_name: 'Cemento Polpaico 25kg saco', qty: 100, price_unit: 4200, subtotal: 420000 }],
  },
];

describe('DTE XML bodies through the real app', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;

  beforeAll(async () => {
    app = await startTestApp({ REDIS_KEY_PREFIX: `dte-xml-e2e-${Date.now()}:`, THROTTLE_DEFAULT_PER_MIN: '1000' });
    jest.spyOn(app.app.get(DteClock), 'now').mockImplementation(() => new Date(FIXTURE_NOW));
  });
  afterAll(() => app.close());

  it('answers the old /api/ai/reconcile {dte_xml, pending_pos} body with the PO the XML references', async () => {
    const res = await app.http.post('/api/ai/reconcile').set(bearer()).send({ dte_xml: supplierXml(), pending_pos: PENDING_POS, company_id: 1 });
    expect(res.status).toBe(200);
    expect(res.headers.deprecation).toBe('true');
    expect(res.body.matched_po_id).toBe(342);
    expect(res.body.po_id).toBe(342);
    expect(res.body.line_matches).toEqual([expect.objectContaining({ dte_line: 0, po_line: 0, product_id: 420 })]);
    expect(res.body.reasoning).toMatch(/P00042/);
  });

  it('answers 400 naming dte_xml when the XML holds no DTE', async () => {
    const res = await app.http.post('/api/ai/reconcile').set(bearer()).send({ dte_xml: '<Factura><Folio>1</Folio></Factura>', pending_pos: PENDING_POS });
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([{ field: 'dte_xml', problems: ['dte_xml holds no DTE: expected a <Documento>, <Liquidacion> or <Exportaciones> element'] }]);
  });

  it('answers 400 saying which fields may carry the DTE when none is sent', async () => {
    const res = await app.http.post('/api/ai/reception/match_po').set(bearer()).send({ pending_pos: PENDING_POS });
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([{ field: 'dte_data', problems: ['dte_data must be an object (or send the DTE as invoice_data or dte_xml)'] }]);
  });

  it('validates a DTE sent as SII XML with the same rules as the SII-tag JSON', async () => {
    const fixture = loadFixture('clean-sii-33').input;
    const dte = fixture.dte as Record<string, unknown>;
    const clean = await app.http
      .post('/api/ai/validate')
      .set(bearer())
      .send({ dte_xml: siiXmlOf(dte), context: fixture.context, environment: fixture.environment, source: fixture.source });
    expect(clean.status).toBe(200);
    expect(clean.body).toMatchObject({ recommendation: 'send', errors: [], warnings: [], form: 'sii' });

    const wrongTotal = siiXmlOf({ ...dte, Totales: { ...(dte.Totales as object), MntTotal: 119001 } });
    const defect = await app.http.post('/api/ai/validate').set(bearer()).send({ dte_xml: wrongTotal, context: fixture.context, source: fixture.source });
    expect(defect.status).toBe(200);
    expect(defect.body.recommendation).toBe('reject');
    expect(defect.body.findings).toEqual(expect.arrayContaining([expect.objectContaining({ ruleId: 'M-04', path: 'Totales.MntTotal', found: 119001 })]));
  });

  it('answers 400 when dte_xml is not text', async () => {
    const res = await app.http
      .post('/api/ai/validate')
      .set(bearer())
      .send({ dte_xml: { Documento: {} }, company_id: 1 });
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([{ field: 'dte_xml', problems: ['dte_xml must be a string'] }]);
  });
});
