import { ruleCtx, siiDoc } from 'test/fixtures/dte/dte-factory';
import { lineZeroAmountRule as sut } from './line-zero-amount.rule';

describe('L-05 lineZeroAmountRule', () => {
  it('passes normal lines and a zero-amount guía', () => {
    expect(sut.check(siiDoc('33'), ruleCtx())).toEqual([]);
    expect(sut.check(siiDoc('52-total-cero'), ruleCtx('52-total-cero'))).toEqual([]);
  });

  it('blocks an amount on a non-sale item (IndExe 4 or 5)', () => {
    const doc = siiDoc('33');
    doc.Detalle![0].IndExe = 5;
    expect(sut.check(doc, ruleCtx())).toEqual([expect.objectContaining({ severity: 'block', expected: 0, found: 84000 })]);
  });

  it('blocks amounts on a credit note that only corrects text', () => {
    const doc = siiDoc('61');
    doc.Referencia![0].CodRef = 2;
    expect(sut.check(doc, ruleCtx('61'))).toHaveLength(2);
  });

  it('blocks amounts on an export credit note (112) that only corrects text, as X-08 treats it as such a note', () => {
    const doc = siiDoc('61');
    doc.TipoDTE = 112;
    doc.Referencia![0].CodRef = 2;
    expect(sut.check(doc, ruleCtx('61'))).toHaveLength(2);
    doc.TipoDTE = 33;
    expect(sut.check(doc, ruleCtx('61'))).toEqual([]);
  });

  it('blocks negative amounts outside a liquidación-factura', () => {
    const doc = siiDoc('33');
    doc.Detalle![1].MontoItem = -100;
    expect(sut.check(doc, ruleCtx())).toEqual([expect.objectContaining({ path: 'Detalle[1].MontoItem', found: -100 })]);
    doc.TipoDTE = 43;
    expect(sut.check(doc, ruleCtx())).toEqual([]);
  });
});
