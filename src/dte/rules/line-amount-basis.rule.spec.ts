import type { NormalizedDte } from 'src/dte/normalize/normalized-dte';
import { addonDoc, ruleCtx, siiDoc } from 'test/fixtures/dte/dte-factory';
import { lineAmountBasisRule as sut } from './line-amount-basis.rule';

/** The clean factura with its two lines written IVA included (99,960 + 19,040 = 119,000 = neto + IVA). */
function facturaWithGrossLines(): NormalizedDte {
  const doc = siiDoc('33');
  doc.Detalle![0].MontoItem = 99960;
  doc.Detalle![1].MontoItem = 19040;
  return doc;
}

describe('L-07 lineAmountBasisRule', () => {
  it('passes net lines on a factura, gross lines on a boleta, and the addon form without lines', () => {
    expect(sut.check(siiDoc('33'), ruleCtx())).toEqual([]);
    expect(sut.check(siiDoc('39'), ruleCtx('39'))).toEqual([]);
    expect(sut.check(addonDoc('33'), ruleCtx())).toEqual([]);
  });

  it('passes gross lines on a factura that declares MntBruto=1', () => {
    const doc = facturaWithGrossLines();
    doc.MntBruto = 1;
    expect(sut.check(doc, ruleCtx())).toEqual([]);
  });

  it('blocks IVA-included lines on a net-price factura and suggests MntBruto=1', () => {
    const [result] = sut.check(facturaWithGrossLines(), ruleCtx());
    expect(result).toEqual(expect.objectContaining({ ruleId: 'L-07', severity: 'block', path: 'Detalle', expected: 100000, found: 119000 }));
    expect(result.message).toContain('MntBruto=1');
  });

  it('applies taxed global discounts before comparing', () => {
    const doc = facturaWithGrossLines();
    doc.Detalle![0].MontoItem = 105910;
    doc.DscRcgGlobal = [{ TpoMov: 'D', TpoValor: '$', ValorDR: 5950 }];
    expect(sut.check(doc, ruleCtx())).toEqual([expect.objectContaining({ found: 119000 })]);
  });

  it('blocks net lines on a boleta and suggests IndMntNeto=2', () => {
    const doc = siiDoc('39');
    doc.Detalle![0].MontoItem = 10067;
    const [result] = sut.check(doc, ruleCtx('39'));
    expect(result).toEqual(expect.objectContaining({ path: 'Detalle', expected: 11980, found: 10067 }));
    expect(result.message).toContain('IndMntNeto=2');
  });

  it('blocks net lines on a factura that declares MntBruto=1', () => {
    const doc = siiDoc('33');
    doc.MntBruto = 1;
    const [result] = sut.check(doc, ruleCtx());
    expect(result).toEqual(expect.objectContaining({ expected: 119000, found: 100000 }));
    expect(result.message).toContain('quite MntBruto=1');
  });

  it('leaves other mismatches to M-01', () => {
    const doc = siiDoc('33');
    doc.Detalle![0].MontoItem = 90000;
    expect(sut.check(doc, ruleCtx())).toEqual([]);
  });
});
