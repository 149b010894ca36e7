import { addonDoc, ruleCtx, siiDoc } from 'test/fixtures/dte/dte-factory';
import { referenceRequiredRule as sut } from './reference-required.rule';

describe('X-01 referenceRequiredRule', () => {
  it('passes a credit note with a reference, and the addon body that cannot carry references', () => {
    expect(sut.check(siiDoc('61'), ruleCtx('61'))).toEqual([]);
    expect(sut.check(addonDoc('61'), ruleCtx('61'))).toEqual([]);
  });

  it('blocks a credit or debit note without references', () => {
    const doc = siiDoc('56');
    doc.Referencia = [];
    expect(sut.check(doc, ruleCtx('56'))).toEqual([expect.objectContaining({ severity: 'block', path: 'Referencia' })]);
  });
});
