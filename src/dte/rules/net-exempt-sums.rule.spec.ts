import { ruleCtx, siiDoc } from 'test/fixtures/dte/dte-factory';
import { netExemptSumsRule as sut } from './net-exempt-sums.rule';
import { runRules } from './run-rules';

describe('M-01 netExemptSumsRule', () => {
  it('passes net and exempt sums, including global discounts and a gross boleta', () => {
    const doc = siiDoc('33');
    doc.DscRcgGlobal = [
      { TpoMov: 'D', TpoValor: '%', ValorDR: 10 },
      { TpoMov: 'R', TpoValor: '$', ValorDR: 500 },
    ];
    doc.Totales.MntNeto = 90500;
    expect(sut.check(doc, ruleCtx())).toEqual([]);
    expect(sut.check(siiDoc('34'), ruleCtx('34'))).toEqual([]);
    expect(sut.check(siiDoc('39'), ruleCtx('39'))).toEqual([]);
  });

  it('blocks a net amount that differs from the taxed lines', () => {
    const doc = siiDoc('33');
    doc.Totales.MntNeto = 110000;
    expect(sut.check(doc, ruleCtx())).toEqual([expect.objectContaining({ path: 'Totales.MntNeto', expected: 100000, found: 110000 })]);
  });

  it('blocks an exempt amount that differs from the exempt lines', () => {
    const doc = siiDoc('34');
    doc.Totales.MntExe = 200000;
    expect(sut.check(doc, ruleCtx('34'))).toEqual([expect.objectContaining({ path: 'Totales.MntExe', expected: 250000 })]);
  });

  it('blocks a gross boleta whose net + IVA differs from its lines', () => {
    const doc = siiDoc('39');
    doc.Totales.MntNeto = 10000;
    expect(sut.check(doc, ruleCtx('39'))).toEqual([expect.objectContaining({ expected: 11980, found: 11913 })]);
  });

  it('leaves IVA-included lines on a net-price factura to L-07, which names the cause', () => {
    const doc = siiDoc('33');
    doc.Detalle = [{ NroLinDet: 1, NmbItem: 'Cemento', QtyItem: 1, PrcItem: 119000, MontoItem: 119000 }];
    expect(sut.check(doc, ruleCtx())).toEqual([]);
    expect(runRules(doc, ruleCtx()).findings.map((f) => f.ruleId)).toContain('L-07');
  });
});
