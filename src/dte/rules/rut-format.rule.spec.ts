import { addonDoc, ruleCtx, siiDoc } from 'test/fixtures/dte/dte-factory';
import { rutFormatRule as sut } from './rut-format.rule';

describe('R-01 rutFormatRule', () => {
  it('passes canonical RUTs in every field', () => {
    expect(sut.check(siiDoc('52-venta'), ruleCtx('52-venta'))).toEqual([]);
  });

  it('blocks an unreadable RUT', () => {
    const doc = siiDoc('33');
    doc.Receptor.RUTRecep = 'sin rut';
    expect(sut.check(doc, ruleCtx())).toEqual([expect.objectContaining({ severity: 'block', path: 'Receptor.RUTRecep' })]);
  });

  it('blocks a dotted RUT read out of dte_xml, suggesting the canonical one', () => {
    const doc = { ...siiDoc('52-venta'), fromXml: true };
    doc.Transporte!.RUTChofer = '12.345.678-5';
    expect(sut.check(doc, ruleCtx())).toEqual([expect.objectContaining({ severity: 'block', path: 'Transporte.RUTChofer', expected: '12345678-5' })]);
  });

  it('only notes a dotted RUT in the SII-tag JSON, which Odoo normalizes when it renders the XML', () => {
    const doc = siiDoc('52-venta');
    doc.Transporte!.RUTChofer = '12.345.678-5';
    expect(sut.check(doc, ruleCtx())).toEqual([expect.objectContaining({ severity: 'info', path: 'Transporte.RUTChofer', expected: '12345678-5' })]);
  });

  it('blocks a RUT without hyphen in any form as possibly incomplete', () => {
    const doc = siiDoc('33');
    doc.Receptor.RUTRecep = '96874030';
    expect(sut.check(doc, ruleCtx())[0]).toEqual(expect.objectContaining({ severity: 'block', message: expect.stringContaining('no tiene guion') }));
  });

  it('only notes a dotted or CL-prefixed RUT in the addon form', () => {
    const doc = addonDoc('33');
    doc.Emisor.RUTEmisor = 'CL78112233-5';
    expect(sut.check(doc, ruleCtx())).toEqual([expect.objectContaining({ severity: 'info', path: 'dte_data.rut_emisor', expected: '78112233-5' })]);
  });
});
