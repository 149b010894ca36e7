import { FIXTURE_NOW, loadFixture } from 'test/fixtures/dte/dte-factory';
import { NO_LINES_WARNING, validateDte } from './dte-validator';

const HISTORY = [476000, 499800, 511700, 488000].map((total, i) => ({
  tipo_dte: '33',
  folio: String(8790 + i),
  fecha_emision: '2026-10-14',
  monto_total: total,
  monto_neto: Math.round(total / 1.19),
  monto_iva: total - Math.round(total / 1.19),
  monto_exento: 0,
}));

describe(validateDte.name, () => {
  it('sends a clean addon body with high confidence and lists the rules that ran', () => {
    const result = validateDte(loadFixture('clean-addon-34').input, { now: FIXTURE_NOW, history: HISTORY });
    expect(result).toEqual(expect.objectContaining({ form: 'addon', recommendation: 'send', confidence: 90, errors: [], warnings: [NO_LINES_WARNING] }));
    expect(result.rulesRun).toEqual(expect.arrayContaining(['T-01', 'T-04', 'M-08', 'HIST-01']));
    expect(result.rulesRun).not.toContain('T-03');
  });

  it('rejects whenever a rule blocks, with the findings as Spanish error strings', () => {
    const body = loadFixture('clean-addon-33').input;
    (body.dte_data as Record<string, unknown>).monto_total = 500000;
    const result = validateDte(body, { now: FIXTURE_NOW });
    expect(result.recommendation).toBe('reject');
    expect(result.confidence).toBe(99);
    expect(result.errors).toEqual(['El monto total ($500.000) no cuadra con neto + exento + IVA ($499.800).']);
  });

  it('asks for review when the amount is far from the supplier history', () => {
    const body = {
      tipo_dte: '33',
      folio: '8811',
      fecha_emision: '2026-11-16',
      rut_emisor: '78112233-5',
      razon_social_emisor: 'Comercial Maipo Ltda.',
      monto_neto: 600000,
      monto_iva: 114000,
      monto_exento: 0,
      monto_total: 714000,
    };
    const result = validateDte(body, { now: FIXTURE_NOW, history: HISTORY });
    expect(result.recommendation).toBe('review');
    expect(result.warnings).toEqual(['Monto 45% sobre el promedio del proveedor (últimos 4 documentos).']);
    expect(result.confidence).toBe(85);
  });

  it('lowers review confidence per extra warning, never below 50', () => {
    const body = {
      tipo_dte: '33',
      folio: '8791',
      fecha_emision: '2026-11-16',
      rut_emisor: '78112233-5',
      razon_social_emisor: 'X',
      monto_neto: 600000,
      monto_iva: 114001,
      monto_exento: 0,
      monto_total: 714001,
    };
    const result = validateDte(body, { now: FIXTURE_NOW, history: HISTORY });
    expect(result.findings.map((f) => f.ruleId)).toEqual(['M-02', 'HIST-02', 'HIST-01']);
    expect(result.confidence).toBe(75);
  });

  it('accepts a guía 52 with total 0 instead of treating it as an error', () => {
    const result = validateDte(loadFixture('clean-sii-52-total-cero').input, { now: FIXTURE_NOW });
    expect(result.recommendation).toBe('send');
  });

  it('never throws on garbage input; it rejects it', () => {
    for (const input of [null, 'texto', 42, [], { dte_data: 'x' }]) {
      expect(validateDte(input, { now: FIXTURE_NOW }).recommendation).toBe('reject');
    }
  });
});
