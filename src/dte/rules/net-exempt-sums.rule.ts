import { amountBasisMixUp, classSubtotal } from './line-subtotals';
import { clp, finding, hasGrossPrices, num } from './rule-helpers';
import type { DteRule, Finding } from './rule';

/**
 * M-01: MntNeto and MntExe equal the sums of taxed and exempt lines after global discounts/surcharges.
 * With gross prices (boletas, MntBruto=1) the taxed lines must add up to MntNeto + IVA instead. When the lines are
 * plainly on the wrong basis (IVA included on a net-price document), L-07 says so and M-01 does not repeat it.
 */
export const netExemptSumsRule: DteRule = {
  id: 'M-01',
  title: 'Neto y exento cuadran con las líneas',
  appliesTo: 'all',
  check(doc) {
    if (!doc.Detalle || doc.Detalle.length === 0) return [];
    const findings: Finding[] = [];
    const taxed = classSubtotal(doc, 'taxed');
    const exempt = classSubtotal(doc, 'exempt');
    const neto = num(doc.Totales.MntNeto);
    const exe = num(doc.Totales.MntExe) ?? 0;
    const reportedByL07 = amountBasisMixUp(doc) !== undefined;
    if (hasGrossPrices(doc)) {
      const iva = num(doc.Totales.IVA);
      if (neto !== undefined && iva !== undefined && neto + iva !== taxed && !reportedByL07) {
        const message = `El neto más IVA (${clp(neto + iva)}) no cuadra con la suma de las líneas afectas con IVA incluido (${clp(taxed)}).`;
        findings.push(finding(doc, 'M-01', 'block', 'Totales.MntNeto', message, { expected: taxed, found: neto + iva }));
      }
    } else if ((neto ?? 0) !== taxed && !reportedByL07) {
      const message = `El monto neto (${clp(neto ?? 0)}) no cuadra con la suma de las líneas afectas (${clp(taxed)}).`;
      findings.push(finding(doc, 'M-01', 'block', 'Totales.MntNeto', message, { expected: taxed, found: neto ?? 0 }));
    }
    if (exe !== exempt) {
      const message = `El monto exento (${clp(exe)}) no cuadra con la suma de las líneas exentas (${clp(exempt)}).`;
      findings.push(finding(doc, 'M-01', 'block', 'Totales.MntExe', message, { expected: exempt, found: exe }));
    }
    return findings;
  },
};
