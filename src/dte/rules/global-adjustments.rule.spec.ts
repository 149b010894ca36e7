import { ruleCtx, siiDoc } from 'test/fixtures/dte/dte-factory';
import { globalAdjustmentsRule as sut } from './global-adjustments.rule';

describe('M-11 globalAdjustmentsRule', () => {
  it('passes valid discount and surcharge rows, and documents without any', () => {
    const doc = siiDoc('33');
    expect(sut.check(doc, ruleCtx())).toEqual([]);
    doc.DscRcgGlobal = [
      { TpoMov: 'D', TpoValor: '$', ValorDR: 1000 },
      { TpoMov: 'R', TpoValor: '%', ValorDR: 5, IndExeDR: 1 },
      { TpoMov: 'D', TpoValor: '$', ValorDR: 200, IndExeDR: 2 },
    ];
    expect(sut.check(doc, ruleCtx())).toEqual([]);
  });

  it('blocks an unknown or missing TpoMov', () => {
    const doc = siiDoc('33');
    doc.DscRcgGlobal = [
      { TpoMov: 'X', TpoValor: '$', ValorDR: 1000 },
      { TpoValor: '$', ValorDR: 1000 },
    ];
    expect(sut.check(doc, ruleCtx())).toEqual([
      expect.objectContaining({ ruleId: 'M-11', severity: 'block', path: 'DscRcgGlobal[0].TpoMov', found: 'X' }),
      expect.objectContaining({ severity: 'block', path: 'DscRcgGlobal[1].TpoMov' }),
    ]);
  });

  it('blocks a TpoValor other than % or $', () => {
    const doc = siiDoc('33');
    doc.DscRcgGlobal = [{ TpoMov: 'D', TpoValor: 'CLP', ValorDR: 1000 }];
    expect(sut.check(doc, ruleCtx())).toEqual([expect.objectContaining({ path: 'DscRcgGlobal[0].TpoValor', found: 'CLP' })]);
  });

  it('blocks an IndExeDR other than 1 or 2', () => {
    const doc = siiDoc('33');
    doc.DscRcgGlobal = [{ TpoMov: 'D', TpoValor: '$', ValorDR: 1000, IndExeDR: 3 }];
    expect(sut.check(doc, ruleCtx())).toEqual([expect.objectContaining({ path: 'DscRcgGlobal[0].IndExeDR', found: 3 })]);
  });

  it('blocks a GlosaDR longer than 45 characters, counting accented letters once', () => {
    const doc = siiDoc('33');
    doc.DscRcgGlobal = [{ TpoMov: 'D', TpoValor: '$', ValorDR: 1000, GlosaDR: 'ñ'.repeat(45) }];
    expect(sut.check(doc, ruleCtx())).toEqual([]);
    doc.DscRcgGlobal[0].GlosaDR = 'Descuento por pronto pago acordado en la reunión';
    expect(sut.check(doc, ruleCtx())).toEqual([expect.objectContaining({ ruleId: 'M-11', severity: 'block', path: 'DscRcgGlobal[0].GlosaDR', expected: 45, found: 48 })]);
  });

  it('blocks more than 20 rows', () => {
    const doc = siiDoc('33');
    doc.DscRcgGlobal = Array.from({ length: 21 }, () => ({ TpoMov: 'D', TpoValor: '$', ValorDR: 1 }));
    expect(sut.check(doc, ruleCtx())).toEqual([expect.objectContaining({ path: 'DscRcgGlobal', expected: 20, found: 21 })]);
    doc.DscRcgGlobal.pop();
    expect(sut.check(doc, ruleCtx())).toEqual([]);
  });
});
