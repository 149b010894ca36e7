import { addonDoc, ruleCtx, siiDoc } from 'test/fixtures/dte/dte-factory';
import { emissionDateNotFutureRule as sut } from './emission-date-not-future.rule';

describe('D-02 emissionDateNotFutureRule', () => {
  it('passes a date equal to today in Chile even when UTC is already tomorrow', () => {
    const doc = siiDoc('33');
    doc.FchEmis = '2026-11-20';
    expect(sut.check(doc, ruleCtx('33', { now: new Date('2026-11-21T02:00:00Z') }))).toEqual([]);
  });

  it('blocks a date after today in Chile', () => {
    const doc = addonDoc('33');
    doc.FchEmis = '2026-11-21';
    expect(sut.check(doc, ruleCtx('33', { now: new Date('2026-11-21T02:00:00Z') }))).toEqual([
      expect.objectContaining({ severity: 'block', path: 'dte_data.fecha_emision', expected: '<= 2026-11-20' }),
    ]);
  });
});
