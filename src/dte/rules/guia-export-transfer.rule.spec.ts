import { ruleCtx, siiDoc } from 'test/fixtures/dte/dte-factory';
import { guiaExportTransferRule as sut } from './guia-export-transfer.rule';

describe('G-03 guiaExportTransferRule', () => {
  it('passes a sale guía and an export guía with its transfer code', () => {
    expect(sut.check(siiDoc('52-venta'), ruleCtx())).toEqual([]);
    const doc = siiDoc('52-venta');
    Object.assign(doc, { IndTraslado: 9, CdgTraslado: 1 });
    expect(sut.check(doc, ruleCtx())).toEqual([]);
  });

  it('blocks an export guía without CdgTraslado', () => {
    const doc = siiDoc('52-venta');
    doc.IndTraslado = 8;
    expect(sut.check(doc, ruleCtx())).toEqual([expect.objectContaining({ severity: 'block', path: 'CdgTraslado' })]);
  });

  it('blocks CdgTraslado 4 without authorisation folio and date', () => {
    const doc = siiDoc('52-venta');
    Object.assign(doc, { IndTraslado: 8, CdgTraslado: 4 });
    expect(sut.check(doc, ruleCtx()).map((f) => f.path)).toEqual(['FolioAut', 'FchAut']);
  });
});
