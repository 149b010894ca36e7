import { ruleCtx, siiDoc } from 'test/fixtures/dte/dte-factory';
import { referenceOtherRutRule as sut } from './reference-other-rut.rule';

describe('X-06 referenceOtherRutRule', () => {
  it('passes a credit note whose RUTOtr is another contributor, and references without RUTOtr', () => {
    expect(sut.check(siiDoc('33'), ruleCtx())).toEqual([]);
    const doc = siiDoc('61');
    doc.Referencia![0].RUTOtr = '96874030-K';
    expect(sut.check(doc, ruleCtx('61'))).toEqual([]);
  });

  it('blocks RUTOtr on a factura (33)', () => {
    const doc = siiDoc('33');
    doc.Referencia![0].RUTOtr = '96874030-K';
    expect(sut.check(doc, ruleCtx())).toEqual([expect.objectContaining({ ruleId: 'X-06', severity: 'block', path: 'Referencia[0].RUTOtr', found: 33 })]);
  });

  it('blocks RUTOtr equal to the emitter RUT, however it is written', () => {
    const doc = siiDoc('61');
    doc.Referencia![0].RUTOtr = '76.086.428-5';
    expect(sut.check(doc, ruleCtx('61'))).toEqual([expect.objectContaining({ ruleId: 'X-06', severity: 'block', path: 'Referencia[0].RUTOtr', found: '76.086.428-5' })]);
  });
});
