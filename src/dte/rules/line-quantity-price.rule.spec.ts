import { ruleCtx, siiDoc } from 'test/fixtures/dte/dte-factory';
import { lineQuantityPriceRule as sut } from './line-quantity-price.rule';

describe('L-03 lineQuantityPriceRule', () => {
  it('passes positive quantities and prices with up to 6 decimals', () => {
    const doc = siiDoc('33');
    doc.Detalle![0].QtyItem = 1.123456;
    expect(sut.check(doc, ruleCtx())).toEqual([]);
  });

  it.each([
    ['QtyItem', -1],
    ['PrcItem', 'diez'],
    ['QtyItem', 1.1234567],
    ['PrcItem', 1e12],
    ['QtyItem', 0],
  ] as const)('blocks %s = %p', (key, value) => {
    const doc = siiDoc('33');
    doc.Detalle![0][key] = value;
    expect(sut.check(doc, ruleCtx())).toEqual([expect.objectContaining({ severity: 'block', path: `Detalle[0].${key}`, found: value })]);
  });

  it('only warns on a zero price', () => {
    const doc = siiDoc('33');
    doc.Detalle![0].PrcItem = 0;
    expect(sut.check(doc, ruleCtx())).toEqual([expect.objectContaining({ severity: 'warn' })]);
  });
});
