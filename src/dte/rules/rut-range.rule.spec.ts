import { ruleCtx, siiDoc } from 'test/fixtures/dte/dte-factory';
import { rutRangeRule as sut } from './rut-range.rule';

describe('R-03 rutRangeRule', () => {
  it('passes normal RUTs and the special anonymous consumer', () => {
    expect(sut.check(siiDoc('39'), ruleCtx('39'))).toEqual([]);
  });

  it('warns on a RUT body under 100.000', () => {
    const doc = siiDoc('33');
    doc.Receptor.RUTRecep = '50000-3';
    expect(sut.check(doc, ruleCtx())).toEqual([expect.objectContaining({ ruleId: 'R-03', severity: 'warn', found: '50000-3' })]);
  });
});
