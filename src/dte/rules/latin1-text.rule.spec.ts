import { addonDoc, ruleCtx, siiDoc } from 'test/fixtures/dte/dte-factory';
import { latin1TextRule as sut } from './latin1-text.rule';

describe('H-05 latin1TextRule', () => {
  it('passes Spanish accents, ñ and XML special characters', () => {
    const doc = siiDoc('33');
    doc.Detalle![0].NmbItem = 'Tubo ½" PVC <Ñandú> & cía. ÁÉÍÓÚ';
    expect(sut.check(doc, ruleCtx())).toEqual([]);
  });

  it('blocks an emoji in an item name, naming the line', () => {
    const doc = siiDoc('33');
    doc.Detalle![1].NmbItem = 'Arena gruesa 🏗️';
    expect(sut.check(doc, ruleCtx())).toEqual([expect.objectContaining({ ruleId: 'H-05', severity: 'block', path: 'Detalle[1].NmbItem', found: '🏗' })]);
  });

  it('blocks characters outside ISO-8859-1 in the emitter name and the receiver giro, once per field', () => {
    const doc = siiDoc('33');
    doc.Emisor.RznSoc = 'Ferretería “Los Andes” SpA';
    doc.Receptor.GiroRecep = '建筑 Construcción';
    const findings = sut.check(doc, ruleCtx());
    expect(findings.map((f) => f.path)).toEqual(['Emisor.RznSoc', 'Receptor.GiroRecep']);
    expect(findings.every((f) => f.severity === 'block')).toBe(true);
  });

  it('does not run on the addon form, whose text Odoo already encoded', () => {
    const doc = addonDoc('33');
    doc.Receptor.RznSocRecep = 'Cliente 😀';
    expect(sut.check(doc, ruleCtx())).toEqual([]);
  });
});
