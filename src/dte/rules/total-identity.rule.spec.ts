import { addonDoc, ruleCtx, siiDoc } from 'test/fixtures/dte/dte-factory';
import { totalIdentityRule as sut } from './total-identity.rule';

describe('M-04 totalIdentityRule', () => {
  it('passes neto + exento + IVA + additional taxes, and a guía with total 0', () => {
    const doc = siiDoc('33');
    doc.Totales.ImptoReten = [{ TipoImp: 27, TasaImp: 10, MontoImp: 10000 }];
    doc.Totales.MntTotal = 129000;
    expect(sut.check(doc, ruleCtx())).toEqual([]);
    expect(sut.check(siiDoc('52-total-cero'), ruleCtx())).toEqual([]);
  });

  it('subtracts the construction-company credit (CredEC) when informed', () => {
    const doc = siiDoc('33');
    doc.Totales.CredEC = 12350;
    doc.Totales.MntTotal = 106650;
    expect(sut.check(doc, ruleCtx())).toEqual([]);
    doc.Totales.MntTotal = 119000;
    const [result] = sut.check(doc, ruleCtx());
    expect(result).toEqual(expect.objectContaining({ severity: 'block', expected: 106650, found: 119000 }));
    expect(result.message).toContain('crédito empresas constructoras');
  });

  it('blocks a total one peso off, naming the addon key', () => {
    const doc = addonDoc('33');
    doc.Totales.MntTotal = 499801;
    expect(sut.check(doc, ruleCtx())).toEqual([expect.objectContaining({ severity: 'block', path: 'dte_data.monto_total', expected: 499800, found: 499801 })]);
  });

  it('subtracts withheld IVA (a factura de compra with IVA retenido total comes to the net amount)', () => {
    const doc = siiDoc('33');
    doc.Totales.ImptoReten = [{ TipoImp: 15, TasaImp: 19, MontoImp: 19000 }];
    doc.Totales.MntTotal = 100000;
    expect(sut.check(doc, ruleCtx())).toEqual([]);
    doc.Totales.MntTotal = 138000;
    const [result] = sut.check(doc, ruleCtx());
    expect(result).toEqual(expect.objectContaining({ severity: 'block', expected: 100000, found: 138000 }));
    expect(result.message).toContain('IVA retenido');
  });

  it('blocks a mismatch with known added taxes, and only warns when a tax code of unknown sign is present', () => {
    const doc = siiDoc('33');
    doc.Totales.ImptoReten = [{ TipoImp: 27, TasaImp: 10, MontoImp: 10000 }];
    doc.Totales.MntTotal = 130000;
    expect(sut.check(doc, ruleCtx())).toEqual([expect.objectContaining({ severity: 'block', expected: 129000 })]);
    doc.Totales.ImptoReten = [{ TipoImp: 301, MontoImp: 10000 }];
    expect(sut.check(doc, ruleCtx())).toEqual([expect.objectContaining({ severity: 'warn', expected: 129000 })]);
  });
});
