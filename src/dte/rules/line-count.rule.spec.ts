import { addonDoc, ruleCtx, siiDoc } from 'test/fixtures/dte/dte-factory';
import { lineCountRule as sut } from './line-count.rule';

describe('L-01 lineCountRule', () => {
  it('passes numbered lines and skips the addon body, which has none', () => {
    expect(sut.check(siiDoc('33'), ruleCtx())).toEqual([]);
    expect(sut.check(addonDoc('33'), ruleCtx())).toEqual([]);
  });

  it('blocks a document without lines', () => {
    const doc = siiDoc('33');
    doc.Detalle = [];
    expect(sut.check(doc, ruleCtx())).toEqual([expect.objectContaining({ severity: 'block', path: 'Detalle' })]);
  });

  it('blocks 61 lines on a factura but accepts them on a boleta', () => {
    const lines = Array.from({ length: 61 }, (_, i) => ({ NroLinDet: i + 1, NmbItem: 'x', MontoItem: 1 }));
    const factura = siiDoc('33');
    factura.Detalle = lines;
    expect(sut.check(factura, ruleCtx())).toEqual([expect.objectContaining({ expected: 60, found: 61 })]);
    const boleta = siiDoc('39');
    boleta.Detalle = lines;
    expect(sut.check(boleta, ruleCtx('39'))).toEqual([]);
  });

  it('blocks numbering that is not 1, 2, 3...', () => {
    const doc = siiDoc('33');
    doc.Detalle![1].NroLinDet = 3;
    expect(sut.check(doc, ruleCtx())).toEqual([expect.objectContaining({ path: 'Detalle[1].NroLinDet', expected: 2, found: 3 })]);
  });
});
