import { addonDoc, ruleCtx, siiDoc } from 'test/fixtures/dte/dte-factory';
import { integerAmountsRule as sut } from './integer-amounts.rule';

describe('M-07 integerAmountsRule', () => {
  it('passes whole non-negative pesos, including the addon floats like 499800.0 and a zero guía', () => {
    expect(sut.check(addonDoc('33'), ruleCtx())).toEqual([]);
    expect(sut.check(siiDoc('52-total-cero'), ruleCtx())).toEqual([]);
  });

  it('blocks decimals, negatives and text amounts', () => {
    const doc = siiDoc('33');
    doc.Totales.MntTotal = 119000.5;
    doc.Totales.IVA = -1;
    doc.Detalle![0].MontoItem = 'ochenta mil';
    expect(sut.check(doc, ruleCtx()).map((f) => f.path)).toEqual(['Totales.IVA', 'Totales.MntTotal', 'Detalle[0].MontoItem']);
  });

  it('allows negatives on a liquidación-factura and decimals on exports', () => {
    const doc = siiDoc('33');
    doc.Totales.MntNeto = -500;
    doc.TipoDTE = 43;
    expect(sut.check(doc, ruleCtx())).toEqual([]);
    doc.Totales.MntNeto = 100.25;
    doc.TipoDTE = 110;
    expect(sut.check(doc, ruleCtx())).toEqual([]);
  });
});
