import { addonDoc, ruleCtx, siiDoc } from 'test/fixtures/dte/dte-factory';
import { facturaVatRateRule as sut } from './factura-vat-rate.rule';

describe('M-09 facturaVatRateRule', () => {
  it('passes TasaIVA 19, and an addon body that does not send the rate', () => {
    expect(sut.check(siiDoc('33'), ruleCtx())).toEqual([]);
    expect(sut.check(addonDoc('33'), ruleCtx())).toEqual([]);
  });

  it('blocks a missing rate in the SII form', () => {
    const doc = siiDoc('33');
    delete doc.Totales.TasaIVA;
    expect(sut.check(doc, ruleCtx())).toEqual([expect.objectContaining({ severity: 'block', expected: 19 })]);
  });

  it('blocks a rate other than 19', () => {
    const doc = siiDoc('33');
    doc.Totales.TasaIVA = 18;
    expect(sut.check(doc, ruleCtx())).toEqual([expect.objectContaining({ found: 18 })]);
  });
});
