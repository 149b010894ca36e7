import { ruleCtx, siiDoc } from 'test/fixtures/dte/dte-factory';
import { lineExemptIndicatorRule as sut } from './line-exempt-indicator.rule';

describe('L-06 lineExemptIndicatorRule', () => {
  it('passes IndExe 1 on an exempt invoice', () => {
    expect(sut.check(siiDoc('34'), ruleCtx('34'))).toEqual([]);
  });

  it('blocks an unknown IndExe', () => {
    const doc = siiDoc('33');
    doc.Detalle![0].IndExe = 9;
    expect(sut.check(doc, ruleCtx())).toEqual([expect.objectContaining({ severity: 'block', found: 9 })]);
  });

  it('blocks IndExe 3 on a boleta, where only 1, 2 and 6 exist', () => {
    const doc = siiDoc('39');
    doc.Detalle![0].IndExe = 3;
    expect(sut.check(doc, ruleCtx('39'))).toEqual([expect.objectContaining({ expected: [1, 2, 6], found: 3 })]);
  });
});
