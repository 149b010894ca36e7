import { ruleCtx, siiDoc } from 'test/fixtures/dte/dte-factory';
import { lineAmountRule as sut } from './line-amount.rule';

describe('L-04 lineAmountRule', () => {
  it('passes qty × price, half-up rounding, discounts and a missing quantity treated as 1', () => {
    const doc = siiDoc('33');
    doc.Detalle = [
      { NroLinDet: 1, NmbItem: 'a', QtyItem: 3, PrcItem: 0.5, MontoItem: 2 },
      { NroLinDet: 2, NmbItem: 'b', QtyItem: 10, PrcItem: 1000, DescuentoPct: 5, DescuentoMonto: 500, MontoItem: 9500 },
      { NroLinDet: 3, NmbItem: 'c', PrcItem: 4990, RecargoMonto: 10, MontoItem: 5000 },
      { NroLinDet: 4, NmbItem: 'd', QtyItem: 5, MontoItem: 0 },
    ];
    expect(sut.check(doc, ruleCtx())).toEqual([]);
  });

  it('blocks a line amount that does not match', () => {
    const doc = siiDoc('33');
    doc.Detalle![0].MontoItem = 84001;
    expect(sut.check(doc, ruleCtx())).toEqual([expect.objectContaining({ severity: 'block', path: 'Detalle[0].MontoItem', expected: 84000, found: 84001 })]);
  });

  it('blocks a percentage discount without its amount, and a wrong surcharge amount', () => {
    const doc = siiDoc('33');
    Object.assign(doc.Detalle![0], { DescuentoPct: 10, MontoItem: 75600 });
    Object.assign(doc.Detalle![1], { RecargoPct: 10, RecargoMonto: 1000, MontoItem: 17000 });
    expect(sut.check(doc, ruleCtx()).map((f) => [f.path, f.expected])).toEqual([
      ['Detalle[0].DescuentoMonto', 8400],
      ['Detalle[0].MontoItem', 84000],
      ['Detalle[1].RecargoMonto', 1600],
    ]);
  });
});
