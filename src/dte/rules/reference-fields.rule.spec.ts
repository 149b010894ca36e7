import { ruleCtx, siiDoc } from 'test/fixtures/dte/dte-factory';
import { referenceFieldsRule as sut } from './reference-fields.rule';

describe('X-05 referenceFieldsRule', () => {
  it('passes complete references, and a global reference with folio 0', () => {
    const doc = siiDoc('61');
    doc.Referencia!.push({ NroLinRef: 2, TpoDocRef: 'HES', FolioRef: '0', IndGlobal: 1, FchRef: '2026-11-01' });
    expect(sut.check(doc, ruleCtx('61'))).toEqual([]);
  });

  it('blocks a long type code, a long or zero folio, a missing date and a long reason', () => {
    const doc = siiDoc('61');
    doc.Referencia = [
      { NroLinRef: 1, TpoDocRef: '8011', FolioRef: 'F'.repeat(19), FchRef: '2026-11-01' },
      { NroLinRef: 2, TpoDocRef: '33', FolioRef: '0', CodRef: 1, RazonRef: 'r'.repeat(91) },
    ];
    expect(sut.check(doc, ruleCtx('61')).map((f) => f.path)).toEqual(['Referencia[0].TpoDocRef', 'Referencia[0].FolioRef', 'Referencia[1].FolioRef', 'Referencia[1].FchRef', 'Referencia[1].RazonRef']);
  });

  it('does not require the reference date on boletas', () => {
    const doc = siiDoc('39');
    doc.Referencia = [{ NroLinRef: 1, TpoDocRef: 'SET', FolioRef: '1' }];
    expect(sut.check(doc, ruleCtx('39'))).toEqual([]);
  });
});
