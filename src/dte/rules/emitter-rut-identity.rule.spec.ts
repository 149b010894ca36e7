import { addonDoc, ruleCtx, siiDoc } from 'test/fixtures/dte/dte-factory';
import { folioInCafRangeRule } from './folio-in-caf-range.rule';
import { emitterRutIdentityRule as sut } from './emitter-rut-identity.rule';

describe('R-04 emitterRutIdentityRule', () => {
  const caf = ruleCtx('33').caf;

  it('passes when document, CAF and company share the RUT, however the company VAT is written', () => {
    expect(sut.check(siiDoc('33'), ruleCtx('33', { company: { vat: '76086428-5' } }))).toEqual([]);
    expect(sut.check(siiDoc('33'), ruleCtx('33', { company: { vat: 'CL76.086.428-5' } }))).toEqual([]);
  });

  it('blocks a document whose emitter is not the company', () => {
    expect(sut.check(siiDoc('33'), ruleCtx('33', { company: { vat: '77123456-9' } }))).toEqual([
      expect.objectContaining({ ruleId: 'R-04', severity: 'block', path: 'Emisor.RUTEmisor', expected: '77123456-9', found: '76086428-5' }),
    ]);
  });

  it('blocks a CAF of another RUT when the document has no readable emitter RUT', () => {
    const doc = siiDoc('33');
    doc.Emisor.RUTEmisor = undefined;
    expect(sut.check(doc, ruleCtx('33', { company: { vat: '76086428-5' }, caf: { ...caf, RE: '77123456-9' } }))).toEqual([
      expect.objectContaining({ ruleId: 'R-04', severity: 'block', expected: '76086428-5', found: '77123456-9' }),
    ]);
  });

  it('leaves a CAF of another RUT than the document to F-02, which reports it', () => {
    const ctx = ruleCtx('33', { company: { vat: '76086428-5' }, caf: { ...caf, RE: '77123456-9' } });
    expect(sut.check(siiDoc('33'), ctx)).toEqual([]);
    expect(folioInCafRangeRule.check(siiDoc('33'), ctx)).toEqual([expect.objectContaining({ ruleId: 'F-02', path: 'Emisor.RUTEmisor' })]);
  });

  it('stays silent without a readable company VAT and on received documents', () => {
    expect(sut.check(siiDoc('33'), ruleCtx('33', { company: { resolutionDate: '2014-08-22' } }))).toEqual([]);
    expect(sut.check(siiDoc('33'), ruleCtx('33', { company: { vat: '' } }))).toEqual([]);
    expect(sut.check(addonDoc('33'), ruleCtx('33', { company: { vat: '77123456-9' } }))).toEqual([]);
  });
});
