import { addonDoc, ruleCtx, siiDoc } from 'test/fixtures/dte/dte-factory';
import { ivaAmountRule as sut } from './iva-amount.rule';

describe('M-02 ivaAmountRule', () => {
  it('passes IVA = round(neto × 19%) with half-up rounding', () => {
    const doc = siiDoc('33');
    doc.Totales.MntNeto = 4450;
    doc.Totales.IVA = 846; // 845.5 rounds up
    expect(sut.check(doc, ruleCtx())).toEqual([]);
    expect(sut.check(addonDoc('33'), ruleCtx())).toEqual([]);
  });

  it('blocks a missing IVA when there is a net amount', () => {
    const doc = siiDoc('33');
    delete doc.Totales.IVA;
    expect(sut.check(doc, ruleCtx())).toEqual([expect.objectContaining({ severity: 'block', expected: 19000 })]);
  });

  it('blocks a wrong IVA, even by one peso, in the SII form', () => {
    const doc = siiDoc('33');
    doc.Totales.IVA = 19001;
    expect(sut.check(doc, ruleCtx())).toEqual([expect.objectContaining({ severity: 'block', expected: 19000, found: 19001 })]);
  });

  it('only warns on a one-peso difference in a received (addon) document, and blocks larger ones', () => {
    const doc = addonDoc('33');
    doc.Totales.IVA = 79801;
    expect(sut.check(doc, ruleCtx())).toEqual([expect.objectContaining({ severity: 'warn', path: 'dte_data.monto_iva' })]);
    doc.Totales.IVA = 80000;
    expect(sut.check(doc, ruleCtx())[0].severity).toBe('block');
  });
});
