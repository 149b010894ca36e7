import { addonDoc, ruleCtx, siiDoc } from 'test/fixtures/dte/dte-factory';
import { referencedDocumentValidRule as sut } from './referenced-document-valid.rule';

describe('X-07 referencedDocumentValidRule', () => {
  it('passes clean notes, with and without the referenced documents in context', () => {
    expect(sut.check(siiDoc('61'), ruleCtx('61'))).toEqual([]);
    expect(sut.check(siiDoc('56'), ruleCtx('56'))).toEqual([]);
    const ctx = ruleCtx('61', { referencedDocuments: [{ TpoDocRef: '33', FolioRef: '121', status: 'accepted' }] });
    expect(sut.check(siiDoc('61'), ctx)).toEqual([]);
    expect(sut.check(addonDoc('61'), ctx)).toEqual([]);
  });

  it('warns when a credit note annuls or a debit note corrects amounts of a guía de despacho (REF-3-415)', () => {
    const credit = siiDoc('61');
    credit.Referencia![0].TpoDocRef = '52';
    expect(sut.check(credit, ruleCtx('61'))).toEqual([expect.objectContaining({ ruleId: 'X-07', severity: 'warn', path: 'Referencia[0].TpoDocRef', message: expect.stringContaining('REF-3-415') })]);
    const debit = siiDoc('56');
    debit.Referencia![0].TpoDocRef = '52';
    expect(sut.check(debit, ruleCtx('56'))).toHaveLength(1);
  });

  it('lets a factura reference the guías it invoices, and a note correct text (CodRef 2) of a guía', () => {
    const factura = siiDoc('33');
    factura.Referencia = [{ NroLinRef: 1, TpoDocRef: '52', FolioRef: '77', FchRef: '2026-11-10' }];
    expect(sut.check(factura, ruleCtx())).toEqual([]);
    const note = siiDoc('61');
    Object.assign(note.Referencia![0], { TpoDocRef: '52', CodRef: 2 });
    expect(sut.check(note, ruleCtx('61'))).toEqual([]);
  });

  it('warns when the referenced document was rejected by the SII (REF-3-750), matching folios written with zeros', () => {
    const ctx = ruleCtx('61', { referencedDocuments: [{ TpoDocRef: '33', FolioRef: '0121', status: 'rejected' }] });
    expect(sut.check(siiDoc('61'), ctx)).toEqual([
      expect.objectContaining({ ruleId: 'X-07', severity: 'warn', path: 'Referencia[0].FolioRef', found: 'rejected', message: expect.stringContaining('REF-3-750') }),
    ]);
  });

  it('warns about a missing document only when the caller listed documents of that type', () => {
    const listsFacturas = ruleCtx('61', { referencedDocuments: [{ TpoDocRef: '33', FolioRef: '999', status: 'accepted' }] });
    expect(sut.check(siiDoc('61'), listsFacturas)).toEqual([expect.objectContaining({ path: 'Referencia[0].FolioRef', found: '121' })]);
    const listsOtherTypes = ruleCtx('61', { referencedDocuments: [{ TpoDocRef: '34', FolioRef: '999', status: 'accepted' }] });
    expect(sut.check(siiDoc('61'), listsOtherTypes)).toEqual([]);
  });

  it('never checks non-tax references (orden de compra, HES) nor global references', () => {
    const doc = siiDoc('33');
    doc.Referencia = [
      { NroLinRef: 1, TpoDocRef: '801', FolioRef: 'OC-55' },
      { NroLinRef: 2, TpoDocRef: 'HES', FolioRef: '1200' },
      { NroLinRef: 3, TpoDocRef: '52', FolioRef: '0', IndGlobal: 1 },
    ];
    const ctx = ruleCtx('33', {
      referencedDocuments: [
        { TpoDocRef: '801', FolioRef: 'OTRA', status: 'rejected' },
        { TpoDocRef: 'HES', FolioRef: '1', status: 'rejected' },
        { TpoDocRef: '52', FolioRef: '12', status: 'accepted' },
      ],
    });
    expect(sut.check(doc, ctx)).toEqual([]);
  });
});
