import { addonDoc, ruleCtx, siiDoc } from 'test/fixtures/dte/dte-factory';
import { facturaNeedsTaxedLineRule as sut } from './factura-needs-taxed-line.rule';

describe('T-03 facturaNeedsTaxedLineRule', () => {
  it('passes a factura with taxed lines and an addon factura with a net amount', () => {
    expect(sut.check(siiDoc('33'), ruleCtx())).toEqual([]);
    expect(sut.check(addonDoc('33'), ruleCtx())).toEqual([]);
  });

  it('blocks a factura whose lines are all exempt', () => {
    const doc = siiDoc('33');
    doc.Detalle!.forEach((line) => (line.IndExe = 1));
    expect(sut.check(doc, ruleCtx())).toEqual([expect.objectContaining({ ruleId: 'T-03', severity: 'block', expected: 34 })]);
  });

  it('blocks an addon factura whose whole total is exempt', () => {
    const doc = addonDoc('33');
    doc.Totales = { MntNeto: 0, IVA: 0, MntExe: 250000, MntTotal: 250000 };
    expect(sut.check(doc, ruleCtx())).toEqual([expect.objectContaining({ path: 'dte_data.monto_neto' })]);
  });
});
