import { ruleCtx, siiDoc } from 'test/fixtures/dte/dte-factory';
import { referenceCodRefRule as sut } from './reference-codref.rule';

describe('X-02 referenceCodRefRule', () => {
  it('passes a note with CodRef, and a factura whose purchase-order reference has none', () => {
    expect(sut.check(siiDoc('61'), ruleCtx('61'))).toEqual([]);
    expect(sut.check(siiDoc('33'), ruleCtx())).toEqual([]);
  });

  it('blocks a note referencing an invoice without CodRef, but not its OC (801) reference', () => {
    const doc = siiDoc('61');
    delete doc.Referencia![0].CodRef;
    doc.Referencia!.push({ NroLinRef: 2, TpoDocRef: '801', FolioRef: 'P00042', FchRef: '2026-11-01' });
    expect(sut.check(doc, ruleCtx('61'))).toEqual([expect.objectContaining({ severity: 'block', path: 'Referencia[0].CodRef' })]);
  });

  it('blocks a CodRef outside 1..3 on any document', () => {
    const doc = siiDoc('33');
    doc.Referencia![0].CodRef = 4;
    expect(sut.check(doc, ruleCtx())).toEqual([expect.objectContaining({ found: 4 })]);
  });
});
