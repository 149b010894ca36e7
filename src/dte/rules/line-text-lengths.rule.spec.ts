import { ruleCtx, siiDoc } from 'test/fixtures/dte/dte-factory';
import { lineTextLengthsRule as sut } from './line-text-lengths.rule';

describe('L-02 lineTextLengthsRule', () => {
  it('passes normal item texts', () => {
    expect(sut.check(siiDoc('33'), ruleCtx())).toEqual([]);
  });

  it('blocks a missing name, an 81-character name, a 5-character unit and a long description', () => {
    const doc = siiDoc('33');
    delete doc.Detalle![0].NmbItem;
    doc.Detalle![1].NmbItem = 'n'.repeat(81);
    doc.Detalle![1].UnmdItem = 'CAJAS';
    doc.Detalle![1].DscItem = 'd'.repeat(1001);
    expect(sut.check(doc, ruleCtx()).map((f) => [f.path, f.severity])).toEqual([
      ['Detalle[0].NmbItem', 'block'],
      ['Detalle[1].NmbItem', 'block'],
      ['Detalle[1].DscItem', 'block'],
      ['Detalle[1].UnmdItem', 'block'],
    ]);
  });

  it('blocks more than 5 item codes and codes that are too long', () => {
    const doc = siiDoc('33');
    doc.Detalle![0].CdgItem = Array.from({ length: 6 }, () => ({ TpoCodigo: 'INT1', VlrCodigo: 'SKU-1' }));
    doc.Detalle![1].CdgItem = [{ TpoCodigo: 'INTERNO-LARGO', VlrCodigo: 'v'.repeat(36) }];
    expect(sut.check(doc, ruleCtx()).map((f) => f.path)).toEqual(['Detalle[0].CdgItem', 'Detalle[1].CdgItem[0].TpoCodigo', 'Detalle[1].CdgItem[0].VlrCodigo']);
  });
});
