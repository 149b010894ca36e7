import { ruleCtx, siiDoc } from 'test/fixtures/dte/dte-factory';
import { referencedDocumentStatusRule as sut } from './referenced-document-status.rule';
import { referencedDocumentValidRule } from './referenced-document-valid.rule';

const factura121 = (status: string) => [{ TpoDocRef: '33', FolioRef: '121', status }];

describe('X-09 referencedDocumentStatusRule', () => {
  it('stays silent without context, and when the referenced document is accepted or accepted with objections', () => {
    expect(sut.check(siiDoc('61'), ruleCtx('61'))).toEqual([]);
    for (const status of ['accepted', 'objected']) {
      expect(sut.check(siiDoc('61'), ruleCtx('61', { referencedDocuments: factura121(status) }))).toEqual([]);
    }
  });

  it('tells the user to wait for the SII when the referenced document is not sent or awaiting an answer', () => {
    for (const status of ['not_sent', 'ask_for_status']) {
      expect(sut.check(siiDoc('61'), ruleCtx('61', { referencedDocuments: factura121(status) }))).toEqual([
        expect.objectContaining({ ruleId: 'X-09', severity: 'info', path: 'Referencia[0].FolioRef', found: status, message: expect.stringContaining('espere') }),
      ]);
    }
  });

  it('for a rejected document says to reset it to draft, while X-07 carries the SII warning', () => {
    const ctx = ruleCtx('61', { referencedDocuments: factura121('rejected') });
    const [info] = sut.check(siiDoc('61'), ctx);
    expect(info).toEqual(expect.objectContaining({ severity: 'info', message: expect.stringContaining('borrador') }));
    expect(info.message).not.toContain('REF-3-750');
    const [warning] = referencedDocumentValidRule.check(siiDoc('61'), ctx);
    expect(warning).toEqual(expect.objectContaining({ severity: 'warn', message: expect.stringContaining('REF-3-750') }));
    expect(warning.message).not.toContain('borrador');
  });

  it('names an unexpected status, and ignores references it has no record of', () => {
    const [info] = sut.check(siiDoc('61'), ruleCtx('61', { referencedDocuments: factura121('cancelled') }));
    expect(info.message).toContain('anulado');
    expect(sut.check(siiDoc('61'), ruleCtx('61', { referencedDocuments: factura121('manual') }))).toEqual([expect.objectContaining({ found: 'manual', message: expect.stringContaining('"manual"') })]);
    expect(sut.check(siiDoc('61'), ruleCtx('61', { referencedDocuments: [{ TpoDocRef: '33', FolioRef: '5', status: 'rejected' }] }))).toEqual([]);
  });

  it('treats a status named like an object member (constructor, __proto__) as just an unexpected status', () => {
    for (const status of ['constructor', '__proto__', 'tostring']) {
      const [info] = sut.check(siiDoc('61'), ruleCtx('61', { referencedDocuments: factura121(status) }));
      expect(info.message).toContain(`"${status}"`);
    }
  });

  it('checks debit notes too, naming the debit note in its advice', () => {
    const ctx = ruleCtx('56', { referencedDocuments: [{ TpoDocRef: '33', FolioRef: '120', status: 'not_sent' }] });
    expect(sut.appliesTo).toEqual(expect.arrayContaining([56, 111]));
    expect(sut.check(siiDoc('56'), ctx)).toEqual([expect.objectContaining({ ruleId: 'X-09', message: expect.stringContaining('antes de emitir la nota de débito') })]);
  });
});
