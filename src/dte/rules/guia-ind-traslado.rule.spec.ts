import { ruleCtx, siiDoc } from 'test/fixtures/dte/dte-factory';
import { guiaIndTrasladoRule as sut } from './guia-ind-traslado.rule';

describe('G-01 guiaIndTrasladoRule', () => {
  it('passes a guía with IndTraslado, including an internal transfer with total 0', () => {
    expect(sut.check(siiDoc('52-venta'), ruleCtx('52-venta'))).toEqual([]);
    expect(sut.check(siiDoc('52-total-cero'), ruleCtx('52-total-cero'))).toEqual([]);
  });

  it('blocks a guía without IndTraslado or with a value outside 1..9', () => {
    const doc = siiDoc('52-venta');
    delete doc.IndTraslado;
    expect(sut.check(doc, ruleCtx())).toEqual([expect.objectContaining({ severity: 'block', path: 'IndTraslado' })]);
    doc.IndTraslado = 10;
    expect(sut.check(doc, ruleCtx())).toEqual([expect.objectContaining({ found: 10 })]);
  });

  it('blocks IndTraslado on a document that is not a guía', () => {
    const doc = siiDoc('33');
    doc.IndTraslado = 1;
    expect(sut.check(doc, ruleCtx())).toEqual([expect.objectContaining({ found: 1 })]);
  });
});
