import { ruleCtx, siiDoc } from 'test/fixtures/dte/dte-factory';
import { guiaTransport2026Rule as sut } from './guia-transport-2026.rule';

describe('G-04 guiaTransport2026Rule', () => {
  it('passes a guía with complete transport data', () => {
    expect(sut.check(siiDoc('52-venta'), ruleCtx('52-venta'))).toEqual([]);
  });

  it('blocks missing transport data on an SII-form guía dated from 2026-11-01', () => {
    const doc = siiDoc('52-venta');
    delete doc.Transporte!.RUTChofer;
    doc.Transporte!.NombreChofer = ' ';
    expect(sut.check(doc, ruleCtx())).toEqual([expect.objectContaining({ severity: 'block', path: 'Transporte', found: ['RUTChofer', 'NombreChofer'] })]);
  });

  it('is only a note before 2026-11-01', () => {
    const doc = siiDoc('52-venta');
    delete doc.Transporte;
    doc.FchEmis = '2026-10-31';
    expect(sut.check(doc, ruleCtx())).toEqual([expect.objectContaining({ severity: 'info' })]);
  });
});
