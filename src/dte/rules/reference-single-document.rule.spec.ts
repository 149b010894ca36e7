import { ruleCtx, siiDoc } from 'test/fixtures/dte/dte-factory';
import { referenceSingleDocumentRule as sut } from './reference-single-document.rule';

describe('X-03 referenceSingleDocumentRule', () => {
  it('passes an annulment of one invoice, and an amount correction of several', () => {
    expect(sut.check(siiDoc('61'), ruleCtx('61'))).toEqual([]);
    const doc = siiDoc('56');
    doc.Referencia!.push({ NroLinRef: 2, TpoDocRef: '33', FolioRef: '119', FchRef: '2026-11-01', CodRef: 3 });
    expect(sut.check(doc, ruleCtx('56'))).toEqual([]);
  });

  it('blocks an annulment or text correction that references two documents', () => {
    const doc = siiDoc('61');
    doc.Referencia!.push({ NroLinRef: 2, TpoDocRef: '33', FolioRef: '122', FchRef: '2026-11-05', CodRef: 1 });
    expect(sut.check(doc, ruleCtx('61'))).toEqual([expect.objectContaining({ severity: 'block', expected: 1, found: 2 })]);
  });
});
