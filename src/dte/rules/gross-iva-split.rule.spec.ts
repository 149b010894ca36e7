import { ruleCtx, siiDoc } from 'test/fixtures/dte/dte-factory';
import { grossIvaSplitRule as sut } from './gross-iva-split.rule';

describe('M-03 grossIvaSplitRule', () => {
  it('passes the LibreDTE examples where the gross split leaves IVA one peso off', () => {
    const doc = siiDoc('39');
    doc.Totales = { MntNeto: 571, IVA: 109, MntTotal: 680 };
    expect(sut.check(doc, ruleCtx('39'))).toEqual([]);
    doc.Totales = { MntNeto: 72866, IVA: 13844, MntTotal: 86710 };
    expect(sut.check(doc, ruleCtx('39'))).toEqual([]);
  });

  it('blocks a gross split more than one peso off', () => {
    const doc = siiDoc('39');
    doc.Totales = { MntNeto: 10000, IVA: 1980, MntTotal: 11980 };
    expect(sut.check(doc, ruleCtx('39'))).toEqual([expect.objectContaining({ severity: 'block', expected: 1900, found: 1980 })]);
  });

  it('also applies to a factura with MntBruto=1, and not to net facturas', () => {
    const doc = siiDoc('33');
    doc.Totales.IVA = 19002;
    expect(sut.check(doc, ruleCtx())).toEqual([]);
    doc.MntBruto = 1;
    expect(sut.check(doc, ruleCtx())).toHaveLength(1);
  });
});
