import { ruleCtx, siiDoc } from 'test/fixtures/dte/dte-factory';
import { dueDateOrderRule as sut } from './due-date-order.rule';

describe('D-04 dueDateOrderRule', () => {
  it('passes a due date after emission', () => {
    expect(sut.check(siiDoc('33'), ruleCtx())).toEqual([]);
  });

  it('warns on a due date before emission', () => {
    const doc = siiDoc('33');
    doc.FchVenc = '2026-11-15';
    expect(sut.check(doc, ruleCtx())).toEqual([expect.objectContaining({ severity: 'warn', path: 'FchVenc' })]);
  });
});
