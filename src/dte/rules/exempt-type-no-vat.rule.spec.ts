import { addonDoc, ruleCtx, siiDoc } from 'test/fixtures/dte/dte-factory';
import { exemptTypeNoVatRule as sut } from './exempt-type-no-vat.rule';

describe('T-04 exemptTypeNoVatRule', () => {
  it('passes an exempt invoice without VAT (and the addon 0.0)', () => {
    expect(sut.check(siiDoc('34'), ruleCtx('34'))).toEqual([]);
    expect(sut.check(addonDoc('34'), ruleCtx('34'))).toEqual([]);
  });

  it('blocks VAT on an exempt invoice', () => {
    const doc = siiDoc('34');
    doc.Totales.IVA = 47500;
    expect(sut.check(doc, ruleCtx('34'))).toEqual([expect.objectContaining({ ruleId: 'T-04', severity: 'block', found: 47500 })]);
  });
});
