import { addonDoc, ruleCtx, siiDoc } from 'test/fixtures/dte/dte-factory';
import { tipoDteValidRule as sut } from './tipo-dte-valid.rule';

describe('T-01 tipoDteValidRule', () => {
  it('passes a factura 33 in Documento', () => {
    const doc = siiDoc('33');
    doc.root = 'Documento';
    expect(sut.check(doc, ruleCtx())).toEqual([]);
  });

  it('blocks a missing type', () => {
    const doc = siiDoc('33');
    delete doc.TipoDTE;
    expect(sut.check(doc, ruleCtx())).toEqual([expect.objectContaining({ ruleId: 'T-01', severity: 'block', path: 'TipoDTE' })]);
  });

  it('blocks an unknown code and a non-numeric one, naming the addon key', () => {
    const doc = addonDoc('33');
    doc.TipoDTE = 'FAC';
    expect(sut.check(doc, ruleCtx())).toEqual([expect.objectContaining({ severity: 'block', path: 'dte_data.tipo_dte', found: 'FAC' })]);
    doc.TipoDTE = 35;
    expect(sut.check(doc, ruleCtx())[0].found).toBe(35);
  });

  it('blocks a root element that does not match the type', () => {
    const doc = siiDoc('33');
    doc.root = 'Exportaciones';
    expect(sut.check(doc, ruleCtx())).toEqual([expect.objectContaining({ expected: 'Documento', found: 'Exportaciones' })]);
  });
});
