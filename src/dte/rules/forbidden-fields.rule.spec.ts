import { addonDoc, ruleCtx, siiDoc } from 'test/fixtures/dte/dte-factory';
import { exemptTotalsRule } from './exempt-totals.rule';
import { forbiddenFieldsRule as sut } from './forbidden-fields.rule';
import { guiaIndTrasladoRule } from './guia-ind-traslado.rule';

describe('H-02 forbiddenFieldsRule', () => {
  it('passes the clean documents, including a guía with IndTraslado and Transporte', () => {
    for (const kind of ['33', '34', '39', '52-venta', '56', '61'] as const) {
      expect(sut.check(siiDoc(kind), ruleCtx(kind))).toEqual([]);
    }
    expect(sut.check(addonDoc('34'), ruleCtx('34'))).toEqual([]);
  });

  it('blocks TipoDespacho on a credit note', () => {
    const doc = siiDoc('61');
    doc.TipoDespacho = 2;
    expect(sut.check(doc, ruleCtx('61'))).toEqual([expect.objectContaining({ ruleId: 'H-02', severity: 'block', path: 'TipoDespacho', found: 2 })]);
  });

  it('blocks the export-guía fields on a factura, one finding per field', () => {
    const doc = siiDoc('33');
    doc.CdgTraslado = 4;
    doc.FolioAut = 123;
    doc.FchAut = '2020-01-02';
    expect(sut.check(doc, ruleCtx()).map((f) => f.path)).toEqual(['CdgTraslado', 'FolioAut', 'FchAut']);
  });

  it('blocks Transporte and MntBruto on a boleta but allows Transporte on a factura', () => {
    const boleta = siiDoc('39');
    boleta.Transporte = { Patente: 'ABCD12' };
    boleta.MntBruto = 1;
    expect(sut.check(boleta, ruleCtx('39')).map((f) => f.path)).toEqual(['MntBruto', 'Transporte']);
    const factura = siiDoc('33');
    factura.Transporte = { Patente: 'ABCD12' };
    expect(sut.check(factura, ruleCtx())).toEqual([]);
  });

  it('blocks a zero IVA tag on an export invoice but leaves a non-zero IVA to T-04', () => {
    const doc = siiDoc('34');
    doc.TipoDTE = 110;
    doc.Totales.IVA = 0;
    expect(sut.check(doc, ruleCtx('34'))).toEqual([expect.objectContaining({ path: 'Totales.IVA', found: 0 })]);
    doc.Totales.IVA = 1900;
    expect(sut.check(doc, ruleCtx('34'))).toEqual([]);
  });

  it('does not repeat what G-01 and M-08 already report', () => {
    const doc = siiDoc('34');
    doc.IndTraslado = 1;
    doc.Totales.MntNeto = 1000;
    expect(sut.check(doc, ruleCtx('34'))).toEqual([]);
    expect(guiaIndTrasladoRule.check(doc, ruleCtx('34'))).toHaveLength(1);
    expect(exemptTotalsRule.check(doc, ruleCtx('34')).map((f) => f.path)).toContain('Totales.MntNeto');
  });
});
