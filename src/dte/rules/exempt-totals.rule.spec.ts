import { addonDoc, ruleCtx, siiDoc } from 'test/fixtures/dte/dte-factory';
import { exemptTotalsRule as sut } from './exempt-totals.rule';

describe('M-08 exemptTotalsRule', () => {
  it('passes an exempt invoice, and the addon zeros for neto', () => {
    expect(sut.check(siiDoc('34'), ruleCtx('34'))).toEqual([]);
    expect(sut.check(addonDoc('34'), ruleCtx('34'))).toEqual([]);
  });

  it('blocks a net amount or VAT rate on an exempt invoice', () => {
    const doc = siiDoc('34');
    doc.Totales.MntNeto = 1000;
    doc.Totales.TasaIVA = 19;
    expect(sut.check(doc, ruleCtx('34')).map((f) => [f.path, f.severity])).toEqual([
      ['Totales.MntNeto', 'block'],
      ['Totales.TasaIVA', 'block'],
    ]);
  });

  it('warns on a zero MntNeto tag in the SII form', () => {
    const doc = siiDoc('34');
    doc.Totales.MntNeto = 0;
    expect(sut.check(doc, ruleCtx('34'))).toEqual([expect.objectContaining({ severity: 'warn' })]);
  });

  it('blocks an exempt amount different from the total', () => {
    const doc = addonDoc('34');
    doc.Totales.MntExe = 200000;
    expect(sut.check(doc, ruleCtx('34'))).toEqual([expect.objectContaining({ path: 'dte_data.monto_exento', expected: 250000 })]);
  });
});
