import type { CompanyInfo } from 'src/dte/normalize/normalized-dte';
import { addonDoc, ruleCtx, siiDoc } from 'test/fixtures/dte/dte-factory';
import { odooPostPrerequisitesRule as sut } from './odoo-post-prerequisites.rule';
import { requiredFieldsRule } from './required-fields.rule';

describe('H-04 odooPostPrerequisitesRule', () => {
  const fullCompany: CompanyInfo = {
    vat: '76086428-5',
    giro: 'Venta al por mayor de materiales de construcción',
    acteco: [466301],
    regionalOffice: 'Santiago Oriente',
    dteEmail: 'dte@ferreterialosandes.cl',
  };
  const withCompany = (kind: '33' | '39' | '61', company: CompanyInfo) => ruleCtx(kind, { company });
  const paths = (findings: { path: string }[]) => findings.map((f) => f.path);

  it('passes a complete company and customer, and a company context that leaves the facts out', () => {
    expect(sut.check(siiDoc('33'), withCompany('33', fullCompany))).toEqual([]);
    expect(sut.check(siiDoc('61'), ruleCtx('61'))).toEqual([]);
    expect(sut.check(siiDoc('39'), ruleCtx('39', { company: undefined }))).toEqual([]);
  });

  it('blocks each company prerequisite Odoo sends empty (blank or an empty list)', () => {
    const company: CompanyInfo = { giro: '', acteco: [], regionalOffice: '', dteEmail: ' ' };
    expect(sut.check(siiDoc('33'), withCompany('33', company))).toEqual([
      expect.objectContaining({ ruleId: 'H-04', severity: 'block', path: 'context.company.activity_description' }),
      expect.objectContaining({ path: 'context.company.activity_codes' }),
      expect.objectContaining({ path: 'context.company.regional_office' }),
      expect.objectContaining({ path: 'context.company.dte_email' }),
    ]);
  });

  it('does not ask for the company DTE e-mail on boletas and exports', () => {
    const company = { ...fullCompany, dteEmail: '' };
    expect(sut.check(siiDoc('39'), withCompany('39', company))).toEqual([]);
    const exportNote = siiDoc('61');
    exportNote.TipoDTE = 112;
    expect(paths(sut.check(exportNote, withCompany('61', company)))).toEqual([]);
  });

  it('leaves to H-01 the emitter giro and activity codes the document lacks, but still asks for codes on boletas', () => {
    const doc = siiDoc('33');
    doc.Emisor.GiroEmis = '';
    doc.Emisor.Acteco = undefined;
    const ctx = withCompany('33', { ...fullCompany, giro: '', acteco: [] });
    expect(sut.check(doc, ctx)).toEqual([]);
    expect(requiredFieldsRule.check(doc, ctx).map((f) => f.path)).toEqual(['Emisor.GiroEmis', 'Emisor.Acteco']);
    expect(paths(sut.check(siiDoc('39'), withCompany('39', { ...fullCompany, acteco: [] })))).toEqual(['context.company.activity_codes']);
  });

  it('blocks a credit note without customer giro or street, which H-01 does not require for type 61', () => {
    const doc = siiDoc('61');
    doc.Receptor.GiroRecep = undefined;
    doc.Receptor.DirRecep = '  ';
    expect(requiredFieldsRule.check(doc, ruleCtx('61'))).toEqual([]);
    expect(paths(sut.check(doc, ruleCtx('61')))).toEqual(['Receptor.GiroRecep', 'Receptor.DirRecep']);
  });

  it('asks an export credit note for the street only, and a factura for neither (H-01 reports them)', () => {
    const exportNote = siiDoc('61');
    exportNote.TipoDTE = 112;
    exportNote.Receptor.GiroRecep = undefined;
    exportNote.Receptor.DirRecep = undefined;
    expect(paths(sut.check(exportNote, ruleCtx('61')))).toEqual(['Receptor.DirRecep']);
    const factura = siiDoc('33');
    factura.Receptor.GiroRecep = undefined;
    factura.Receptor.DirRecep = undefined;
    expect(sut.check(factura, ruleCtx('33'))).toEqual([]);
  });

  it('stays silent on boletas without customer data and on received documents', () => {
    expect(sut.check(siiDoc('39'), ruleCtx('39'))).toEqual([]);
    expect(sut.check(addonDoc('33'), withCompany('33', { regionalOffice: '' }))).toEqual([]);
  });
});
