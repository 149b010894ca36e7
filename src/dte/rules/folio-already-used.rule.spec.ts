import { normalizeContext } from 'src/dte/normalize/from-context';
import type { IssuedFolio } from 'src/dte/normalize/normalized-dte';
import { addonDoc, ruleCtx, siiDoc } from 'test/fixtures/dte/dte-factory';
import { folioAlreadyUsedRule as sut } from './folio-already-used.rule';

describe('F-04 folioAlreadyUsedRule', () => {
  const doc = siiDoc('33');
  const sameDocument: IssuedFolio = { folio: 123, status: 'accepted', FchEmis: '2026-11-16', RUTRecep: '96874030-K', MntTotal: 119000 };
  const issued = (...issuedFolios: IssuedFolio[]) => ruleCtx('33', { issuedFolios });

  it('passes other folios and a resend of the same document, however the RUT is written', () => {
    expect(sut.check(doc, issued({ ...sameDocument, folio: 122 }, { ...sameDocument, folio: 124 }))).toEqual([]);
    expect(sut.check(doc, issued({ ...sameDocument, RUTRecep: '96.874.030-k' }))).toEqual([]);
    expect(sut.check(doc, ruleCtx('33'))).toEqual([]);
  });

  it('blocks a folio Odoo already used for a different receiver and total (DTE-3-101)', () => {
    const other = { ...sameDocument, RUTRecep: '77123456-9', MntTotal: 59500 };
    const [result] = sut.check(doc, issued(other));
    expect(result).toEqual(
      expect.objectContaining({
        ruleId: 'F-04',
        severity: 'block',
        path: 'Folio',
        expected: { RUTRecep: '77123456-9', MntTotal: '59500' },
        found: { RUTRecep: '96874030-K', MntTotal: '119000' },
      }),
    );
    expect(result.message).toContain('DTE-3-101');
  });

  it('compares only what both sides inform', () => {
    expect(sut.check(doc, issued({ folio: 123, status: 'accepted', FchEmis: '2026-11-16' }))).toEqual([]);
    expect(sut.check(doc, issued({ folio: '123', FchEmis: '2026-11-15' }))).toEqual([expect.objectContaining({ expected: { FchEmis: '2026-11-15' }, found: { FchEmis: '2026-11-16' } })]);
  });

  it("blocks an annulled folio, named 'annulled' or Odoo's 'cancelled', even with the same content (DTE-3-601)", () => {
    for (const status of ['annulled', 'cancelled']) {
      const [result] = sut.check(doc, issued({ ...sameDocument, status }));
      expect(result).toEqual(expect.objectContaining({ ruleId: 'F-04', severity: 'block', found: status }));
      expect(result.message).toContain('DTE-3-601');
    }
  });

  it('lets a folio whose document the SII rejected be issued again with corrected data', () => {
    expect(sut.check(doc, issued({ ...sameDocument, status: 'rejected', MntTotal: 100000 }))).toEqual([]);
  });

  it("reads Odoo's field names from the context payload", () => {
    const context = normalizeContext({ issued_folios: [{ folio: 123, status: 'Cancelled', date: '2026-11-16', partner_vat: '96874030-K', amount_total: 119000 }] }, 'SII');
    expect(sut.check(doc, ruleCtx('33', context))).toEqual([expect.objectContaining({ found: 'cancelled' })]);
  });

  it('uses the addon field name for the folio', () => {
    const addon = addonDoc('33');
    expect(sut.check(addon, ruleCtx('33', { issuedFolios: [{ folio: addon.Folio, status: 'annulled' }] }))).toEqual([expect.objectContaining({ path: 'dte_data.folio' })]);
  });
});
