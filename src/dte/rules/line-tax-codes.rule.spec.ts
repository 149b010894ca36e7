import { ruleCtx, siiDoc } from 'test/fixtures/dte/dte-factory';
import { lineTaxCodesRule as sut } from './line-tax-codes.rule';

describe('L-08 lineTaxCodesRule', () => {
  it('passes lines without codes and lines with one or two SII codes', () => {
    const doc = siiDoc('33');
    expect(sut.check(doc, ruleCtx())).toEqual([]);
    doc.Detalle![0].CodImpAdic = [27];
    doc.Detalle![1].CodImpAdic = [24, 271];
    expect(sut.check(doc, ruleCtx())).toEqual([]);
  });

  it('blocks a code that is not in the ImpAdicDTEType table, naming the line and position', () => {
    const doc = siiDoc('33');
    doc.Detalle![1].CodImpAdic = [27, 29];
    expect(sut.check(doc, ruleCtx())).toEqual([expect.objectContaining({ ruleId: 'L-08', severity: 'block', path: 'Detalle[1].CodImpAdic[1]', found: 29 })]);
  });

  it('blocks text that did not parse as a code', () => {
    const doc = siiDoc('33');
    doc.Detalle![0].CodImpAdic = ['ILA'];
    expect(sut.check(doc, ruleCtx())).toEqual([expect.objectContaining({ path: 'Detalle[0].CodImpAdic[0]', found: 'ILA' })]);
  });

  it('blocks more than two codes on one line', () => {
    const doc = siiDoc('33');
    doc.Detalle![0].CodImpAdic = [24, 25, 26];
    expect(sut.check(doc, ruleCtx())).toEqual([expect.objectContaining({ path: 'Detalle[0].CodImpAdic', expected: 2, found: 3 })]);
  });
});
