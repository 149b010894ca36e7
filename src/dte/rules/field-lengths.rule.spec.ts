import { ruleCtx, siiDoc } from 'test/fixtures/dte/dte-factory';
import { fieldLengthsRule as sut } from './field-lengths.rule';

describe('H-03 fieldLengthsRule', () => {
  it('passes texts within the limits', () => {
    expect(sut.check(siiDoc('52-venta'), ruleCtx())).toEqual([]);
  });

  it('blocks texts over the limit, e.g. GiroRecep over 40 and a 9-character plate', () => {
    const doc = siiDoc('52-venta');
    doc.Receptor.GiroRecep = 'x'.repeat(41);
    doc.Transporte!.Patente = 'ABCD-1234';
    expect(sut.check(doc, ruleCtx())).toEqual([
      expect.objectContaining({ path: 'Receptor.GiroRecep', expected: 40, found: 41, severity: 'block' }),
      expect.objectContaining({ path: 'Transporte.Patente', expected: 8, found: 9 }),
    ]);
  });
});
