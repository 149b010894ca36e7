import { addonDoc, ruleCtx, siiDoc } from 'test/fixtures/dte/dte-factory';
import { requiredFieldsRule as sut } from './required-fields.rule';

describe('H-01 requiredFieldsRule', () => {
  it('passes complete documents of each type, and the reduced addon body', () => {
    for (const kind of ['33', '34', '39', '52-venta', '56', '61'] as const) expect(sut.check(siiDoc(kind), ruleCtx(kind))).toEqual([]);
    expect(sut.check(addonDoc('33'), ruleCtx())).toEqual([]);
  });

  it('blocks missing and blank required fields of a factura', () => {
    const doc = siiDoc('33');
    delete doc.Receptor.GiroRecep;
    doc.Emisor.DirOrigen = '   ';
    doc.Emisor.Acteco = [];
    const paths = sut.check(doc, ruleCtx()).map((f) => f.path);
    expect(paths).toEqual(['Emisor.Acteco', 'Emisor.DirOrigen', 'Receptor.GiroRecep']);
  });

  it('requires IndServicio on boletas but not the receptor name', () => {
    const doc = siiDoc('39');
    delete doc.IndServicio;
    expect(sut.check(doc, ruleCtx('39'))).toEqual([expect.objectContaining({ path: 'IndServicio', severity: 'block' })]);
  });

  it('checks only what the addon body always carries', () => {
    const doc = addonDoc('33');
    delete doc.Emisor.RznSoc;
    expect(sut.check(doc, ruleCtx())).toEqual([expect.objectContaining({ path: 'dte_data.razon_social_emisor' })]);
  });
});
