import { ruleCtx, siiDoc } from 'test/fixtures/dte/dte-factory';
import { cafExpiryRule as sut } from './caf-expiry.rule';

describe('F-03 cafExpiryRule', () => {
  it('passes on the last valid day (authorisation + 180 days)', () => {
    const ctx = ruleCtx('33', { caf: { FA: '2026-05-24' }, now: new Date('2026-11-20T15:00:00Z') });
    expect(sut.check(siiDoc('33'), ctx)).toEqual([]);
  });

  it('blocks the day after', () => {
    const ctx = ruleCtx('33', { caf: { FA: '2026-05-23' } });
    expect(sut.check(siiDoc('33'), ctx)).toEqual([expect.objectContaining({ severity: 'block', expected: '<= 2026-11-19', found: '2026-11-20' })]);
  });

  it('does not apply to types whose folios never expire', () => {
    expect(sut.appliesTo).not.toContain(34);
    expect(sut.appliesTo).toEqual(expect.arrayContaining([33, 43, 46, 56, 61]));
  });
});
