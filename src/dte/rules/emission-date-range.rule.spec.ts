import { ruleCtx, siiDoc } from 'test/fixtures/dte/dte-factory';
import { emissionDateRangeRule as sut } from './emission-date-range.rule';

describe('D-01 emissionDateRangeRule', () => {
  it('passes dates within range', () => {
    expect(sut.check(siiDoc('61'), ruleCtx('61'))).toEqual([]);
  });

  it('blocks a non-date, an impossible date and dates out of range', () => {
    const doc = siiDoc('33');
    for (const value of ['16/11/2026', '2026-02-30', '2003-03-31', '2051-01-01']) {
      doc.FchEmis = value;
      expect(sut.check(doc, ruleCtx())).toEqual([expect.objectContaining({ path: 'FchEmis', severity: 'block', found: value })]);
    }
  });

  it('blocks a reference date before 2002-08-01', () => {
    const doc = siiDoc('61');
    doc.Referencia![0].FchRef = '2002-07-31';
    expect(sut.check(doc, ruleCtx('61'))).toEqual([expect.objectContaining({ path: 'Referencia[0].FchRef' })]);
  });
});
