import { addonDoc, ruleCtx, siiDoc } from 'test/fixtures/dte/dte-factory';
import { periodAmountRule as sut } from './period-amount.rule';

describe('M-10 periodAmountRule', () => {
  it('passes when MntPeriodo is absent, equals MntTotal, or MntTotal + MontoNF', () => {
    const doc = siiDoc('33');
    expect(sut.check(doc, ruleCtx())).toEqual([]);
    doc.Totales.MntPeriodo = 119000;
    expect(sut.check(doc, ruleCtx())).toEqual([]);
    doc.Totales.MontoNF = -2000;
    doc.Totales.MntPeriodo = 117000;
    expect(sut.check(doc, ruleCtx())).toEqual([]);
    expect(sut.check(addonDoc('33'), ruleCtx())).toEqual([]);
  });

  it('warns when MntPeriodo ignores the non-billable amount', () => {
    const doc = siiDoc('33');
    doc.Totales.MontoNF = 5000;
    doc.Totales.MntPeriodo = 119000;
    const [result] = sut.check(doc, ruleCtx());
    expect(result).toEqual(expect.objectContaining({ ruleId: 'M-10', severity: 'warn', path: 'Totales.MntPeriodo', expected: 124000, found: 119000 }));
    expect(result.message).toContain('no facturable');
  });

  it('warns when MntPeriodo differs from the total without MontoNF', () => {
    const doc = siiDoc('33');
    doc.Totales.MntPeriodo = 100000;
    expect(sut.check(doc, ruleCtx())).toEqual([expect.objectContaining({ severity: 'warn', expected: 119000, found: 100000 })]);
  });
});
