import { normalizeDte } from '../normalize/normalize-dte';
import { ruleCtx, siiDoc } from 'test/fixtures/dte/dte-factory';
import { foreignCustomerTypeRule as sut } from './foreign-customer-type.rule';

describe('T-05 foreignCustomerTypeRule', () => {
  const foreign = { partner: { taxpayerType: 4 } };

  it('passes national customers and boletas to the foreign receiver RUT', () => {
    expect(sut.check(siiDoc('33'), ruleCtx('33', { partner: { taxpayerType: 1 } }))).toEqual([]);
    expect(sut.check(siiDoc('33'), ruleCtx('33'))).toEqual([]);
    const boleta = siiDoc('39');
    boleta.Receptor.RUTRecep = '55555555-5';
    expect(sut.check(boleta, ruleCtx('39', { partner: { taxpayerType: 3 } }))).toEqual([]);
  });

  it('blocks a factura to a taxpayer-type-4 customer and points to the export type', () => {
    const [result] = sut.check(siiDoc('33'), ruleCtx('33', foreign));
    expect(result).toEqual(expect.objectContaining({ ruleId: 'T-05', severity: 'block', path: 'TipoDTE', found: 33 }));
    expect(result.message).toContain('Use el tipo 110');
  });

  it('blocks a credit note whose receiver is 55555555-5 even without partner context', () => {
    const doc = siiDoc('61');
    doc.Receptor.RUTRecep = '55.555.555-5';
    const [result] = sut.check(doc, ruleCtx('61'));
    expect(result).toEqual(expect.objectContaining({ ruleId: 'T-05', severity: 'block', found: 61 }));
    expect(result.message).toContain('Use el tipo 112');
  });

  it('warns on a boleta to a taxpayer-type-4 customer, which Odoo only posts for end consumers', () => {
    expect(sut.check(siiDoc('39'), ruleCtx('39', foreign))).toEqual([expect.objectContaining({ ruleId: 'T-05', severity: 'warn' })]);
  });

  it('does not apply to export documents, facturas de compra or guías', () => {
    for (const type of [46, 52, 110, 111, 112]) expect(sut.appliesTo).not.toContain(type);
  });

  it('blocks a factura to a customer whose country in context.partner is not Chile, and accepts a Chilean one', () => {
    expect(sut.check(siiDoc('33'), ruleCtx('33', { partner: { countryCode: 'AR' } }))).toEqual([
      expect.objectContaining({ ruleId: 'T-05', severity: 'block', message: expect.stringContaining('país AR') }),
    ]);
    expect(sut.check(siiDoc('33'), ruleCtx('33', { partner: { countryCode: 'CL' } }))).toEqual([]);
  });

  it("reads the country from Odoo's partner fields", () => {
    const context = (partner: object) => normalizeDte({ dte: {}, context: { partner } }).partner;
    expect(context({ country_code: 'ar' })).toEqual({ countryCode: 'AR' });
    expect(context({ country_id: { id: 10, code: 'PE', name: 'Perú' } })).toEqual({ countryCode: 'PE' });
    expect(context({ country_id: false, l10n_cl_sii_taxpayer_type: '1' })).toEqual({ taxpayerType: 1 });
  });
});
