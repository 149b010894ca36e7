import { ruleCtx, siiDoc } from 'test/fixtures/dte/dte-factory';
import { referenceLineNumbersRule as sut } from './reference-line-numbers.rule';

describe('X-04 referenceLineNumbersRule', () => {
  it('passes ascending reference numbers', () => {
    expect(sut.check(siiDoc('61'), ruleCtx('61'))).toEqual([]);
  });

  it('blocks repeated or out-of-range numbers', () => {
    const doc = siiDoc('33');
    doc.Referencia!.push({ NroLinRef: 1, TpoDocRef: '802', FolioRef: 'NP-7', FchRef: '2026-11-02' });
    doc.Referencia!.push({ NroLinRef: 41, TpoDocRef: '802', FolioRef: 'NP-8', FchRef: '2026-11-02' });
    expect(sut.check(doc, ruleCtx()).map((f) => f.path)).toEqual(['Referencia[1].NroLinRef', 'Referencia[2].NroLinRef']);
  });

  it('blocks more than 40 references', () => {
    const doc = siiDoc('33');
    doc.Referencia = Array.from({ length: 41 }, (_, i) => ({ TpoDocRef: '801', FolioRef: `OC-${i}`, FchRef: '2026-11-01' }));
    expect(sut.check(doc, ruleCtx())).toEqual([expect.objectContaining({ expected: 40, found: 41 })]);
  });
});
