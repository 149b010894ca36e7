import { addonDoc, ruleCtx, siiDoc } from 'test/fixtures/dte/dte-factory';
import { emissionAfterResolutionRule as sut } from './emission-after-resolution.rule';

describe('D-03 emissionAfterResolutionRule', () => {
  it('passes a document issued on the resolution day or later', () => {
    const doc = siiDoc('33');
    expect(sut.check(doc, ruleCtx('33'))).toEqual([]);
    expect(sut.check(doc, ruleCtx('33', { company: { resolutionDate: doc.FchEmis } }))).toEqual([]);
  });

  it('blocks a document issued the day before the resolution date', () => {
    const doc = siiDoc('33');
    doc.FchEmis = '2014-08-21';
    expect(sut.check(doc, ruleCtx('33', { company: { resolutionDate: '2014-08-22' } }))).toEqual([
      expect.objectContaining({ ruleId: 'D-03', severity: 'block', path: 'FchEmis', expected: '>= 2014-08-22', found: '2014-08-21' }),
    ]);
  });

  it('names the addon field when the addon form is checked with a company context', () => {
    const doc = addonDoc('33');
    doc.FchEmis = '2020-01-01';
    expect(sut.check(doc, ruleCtx('33', { company: { resolutionDate: '2021-03-01' } }))).toEqual([expect.objectContaining({ path: 'dte_data.fecha_emision' })]);
  });

  it('stays silent without a company resolution date or with a date that is not a real date', () => {
    const doc = siiDoc('33');
    doc.FchEmis = '2001-01-01';
    expect(sut.check(doc, ruleCtx('33', { company: undefined }))).toEqual([]);
    expect(sut.check(doc, ruleCtx('33', { company: { vat: '76086428-5' } }))).toEqual([]);
    doc.FchEmis = '2001-02-30';
    expect(sut.check(doc, ruleCtx('33', { company: { resolutionDate: '2014-08-22' } }))).toEqual([]);
  });
});
