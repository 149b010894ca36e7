import { ruleCtx, siiDoc } from 'test/fixtures/dte/dte-factory';
import { constructionCreditRule as sut } from './construction-credit.rule';

describe('M-05 constructionCreditRule', () => {
  it('passes a document without CredEC and one with 65% of the IVA', () => {
    const doc = siiDoc('33');
    expect(sut.check(doc, ruleCtx())).toEqual([]);
    doc.Totales.CredEC = 12350;
    expect(sut.check(doc, ruleCtx())).toEqual([]);
  });

  it('rounds 65% of the IVA half-up (IVA 19,001 → 12,350.65 → 12,351)', () => {
    const doc = siiDoc('33');
    doc.Totales.IVA = 19001;
    doc.Totales.CredEC = 12351;
    expect(sut.check(doc, ruleCtx())).toEqual([]);
    doc.Totales.CredEC = 12352;
    expect(sut.check(doc, ruleCtx())).toEqual([expect.objectContaining({ severity: 'block', expected: 12351, found: 12352 })]);
  });

  it('only warns about a credit below 65% of the IVA, which the per-dwelling cap can explain', () => {
    const doc = siiDoc('33');
    doc.Totales.CredEC = 9000;
    const [result] = sut.check(doc, ruleCtx());
    expect(result).toEqual(expect.objectContaining({ ruleId: 'M-05', severity: 'warn', expected: 12350, found: 9000 }));
    expect(result.message).toContain('tope');
  });

  it('blocks a credit above 65% of the IVA', () => {
    const doc = siiDoc('33');
    doc.Totales.CredEC = 19000;
    expect(sut.check(doc, ruleCtx())).toEqual([expect.objectContaining({ ruleId: 'M-05', severity: 'block', path: 'Totales.CredEC', expected: 12350, found: 19000 })]);
  });

  it('blocks CredEC on a boleta, whatever its amount', () => {
    const doc = siiDoc('39');
    doc.Totales.CredEC = 1;
    const [result] = sut.check(doc, ruleCtx('39'));
    expect(result).toEqual(expect.objectContaining({ path: 'Totales.CredEC', found: 1 }));
    expect(result.message).toContain('tipo 39');
  });
});
