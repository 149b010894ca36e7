import { addonDoc, ruleCtx, siiDoc } from 'test/fixtures/dte/dte-factory';
import { rutCheckDigitRule as sut } from './rut-check-digit.rule';

describe('R-02 rutCheckDigitRule', () => {
  it('passes correct check digits, including a dotted addon RUT', () => {
    expect(sut.check(siiDoc('52-venta'), ruleCtx())).toEqual([]);
    expect(sut.check(addonDoc('33'), ruleCtx())).toEqual([]);
  });

  it('blocks a wrong check digit in any RUT field', () => {
    const doc = siiDoc('33');
    doc.Emisor.RUTEmisor = '76086428-9';
    doc.Referencia![0].RUTOtr = '12345678-9';
    expect(sut.check(doc, ruleCtx())).toEqual([
      expect.objectContaining({ severity: 'block', path: 'Emisor.RUTEmisor', expected: '76086428-5' }),
      expect.objectContaining({ path: 'Referencia[0].RUTOtr', expected: '12345678-5' }),
    ]);
  });
});
