import { loadFixture, ruleCtx, siiDoc } from 'test/fixtures/dte/dte-factory';
import { normalizeDte } from '../normalize/normalize-dte';
import { additionalTaxAmountsRule as sut } from './additional-tax-amounts.rule';

function docWithBeverageTax(montoImp: number) {
  const doc = siiDoc('33');
  doc.Detalle![0].CodImpAdic = [27];
  doc.Totales.ImptoReten = [{ TipoImp: 27, TasaImp: 10, MontoImp: montoImp }];
  return doc;
}

describe('M-06 additionalTaxAmountsRule', () => {
  it('passes a tax equal to its rate over the lines carrying the code', () => {
    expect(sut.check(docWithBeverageTax(8400), ruleCtx())).toEqual([]);
  });

  it('sums every line with the code and rounds half-up: 31.5% of 100,002 = 31,500.63 → 31,501', () => {
    const doc = siiDoc('33');
    doc.Detalle![0].MontoItem = 84001;
    doc.Detalle![1].MontoItem = 16001;
    doc.Detalle![0].CodImpAdic = [24];
    doc.Detalle![1].CodImpAdic = [24];
    doc.Totales.ImptoReten = [{ TipoImp: 24, TasaImp: 31.5, MontoImp: 31501 }];
    expect(sut.check(doc, ruleCtx())).toEqual([]);
    doc.Totales.ImptoReten[0].MontoImp = 31500;
    expect(sut.check(doc, ruleCtx())).toEqual([expect.objectContaining({ expected: 31501, found: 31500 })]);
  });

  it('blocks a tax computed on the wrong base, naming the row', () => {
    expect(sut.check(docWithBeverageTax(10000), ruleCtx())).toEqual([
      expect.objectContaining({ ruleId: 'M-06', severity: 'block', path: 'Totales.ImptoReten[0].MontoImp', expected: 8400, found: 10000 }),
    ]);
  });

  it('blocks a tax row whose code no line carries', () => {
    const doc = docWithBeverageTax(8400);
    doc.Totales.ImptoReten!.push({ TipoImp: 24, TasaImp: 31.5, MontoImp: 5000 });
    const [result] = sut.check(doc, ruleCtx());
    expect(result).toEqual(expect.objectContaining({ path: 'Totales.ImptoReten[1].MontoImp', expected: 0, found: 5000 }));
    expect(result.message).toContain('ninguna línea');
  });

  it('leaves informed-value taxes (diesel 28, gasoline 35, margin 14, faenamiento 17) alone', () => {
    for (const code of [14, 17, 28, 35]) {
      const doc = siiDoc('33');
      doc.Detalle![0].CodImpAdic = [code];
      doc.Totales.ImptoReten = [{ TipoImp: code, TasaImp: 10, MontoImp: 123456 }];
      expect(sut.check(doc, ruleCtx())).toEqual([]);
    }
  });

  it('stays silent without line codes, without TasaImp, or on gross-price documents', () => {
    const noCodes = siiDoc('33');
    noCodes.Totales.ImptoReten = [{ TipoImp: 27, TasaImp: 10, MontoImp: 1 }];
    expect(sut.check(noCodes, ruleCtx())).toEqual([]);
    const noRate = docWithBeverageTax(1);
    delete noRate.Totales.ImptoReten![0].TasaImp;
    expect(sut.check(noRate, ruleCtx())).toEqual([]);
    const gross = docWithBeverageTax(1);
    gross.MntBruto = 1;
    expect(sut.check(gross, ruleCtx())).toEqual([]);
  });
});

describe('M-06 with global discounts', () => {
  it('takes the taxed global discount off the tax base before applying the rate', () => {
    const input = loadFixture('defect-M-06-impuesto-adicional-con-descuento-global').input;
    const { doc } = normalizeDte(input);
    expect(sut.check(doc, ruleCtx())).toEqual([
      expect.objectContaining({ ruleId: 'M-06', expected: 7560, found: 8400, message: expect.stringContaining('después de los descuentos y recargos globales') }),
    ]);
    doc.Totales.ImptoReten![0].MontoImp = 7560;
    expect(sut.check(doc, ruleCtx())).toEqual([]);
  });
});
