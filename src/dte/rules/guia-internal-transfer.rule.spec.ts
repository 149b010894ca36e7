import { ruleCtx, siiDoc } from 'test/fixtures/dte/dte-factory';
import { guiaInternalTransferRule as sut } from './guia-internal-transfer.rule';

describe('G-02 guiaInternalTransferRule', () => {
  it('passes an internal transfer to the emitter itself, and other transfer kinds to third parties', () => {
    expect(sut.check(siiDoc('52-total-cero'), ruleCtx('52-total-cero'))).toEqual([]);
    expect(sut.check(siiDoc('52-venta'), ruleCtx('52-venta'))).toEqual([]);
  });

  it('warns when an internal transfer (IndTraslado 5) names another receiver', () => {
    const doc = siiDoc('52-total-cero');
    doc.Receptor.RUTRecep = '96874030-K';
    expect(sut.check(doc, ruleCtx('52-total-cero'))).toEqual([expect.objectContaining({ ruleId: 'G-02', severity: 'warn', path: 'Receptor.RUTRecep', expected: '76086428-5', found: '96874030-K' })]);
  });

  it('warns when an internal transfer has no receiver RUT', () => {
    const doc = siiDoc('52-total-cero');
    delete doc.Receptor.RUTRecep;
    expect(sut.check(doc, ruleCtx('52-total-cero'))).toEqual([expect.objectContaining({ severity: 'warn' })]);
  });
});
