import type { NormalizedDte } from '../normalize/normalized-dte';
import { clp, finding, hasGrossPrices, num, roundHalfUp } from './rule-helpers';
import type { DteRule, Finding } from './rule';

type AmountClass = 'taxed' | 'exempt';

function lineSum(doc: NormalizedDte, kind: AmountClass): number {
  return (doc.Detalle ?? [])
    .filter((line) => (kind === 'exempt' ? line.IndExe === 1 : line.IndExe === undefined))
    .reduce((sum, line) => sum + (num(line.MontoItem) ?? 0), 0);
}

function withGlobalAdjustments(doc: NormalizedDte, kind: AmountClass, subtotal: number): number {
  let result = subtotal;
  for (const adj of doc.DscRcgGlobal ?? []) {
    const adjClass = adj.IndExeDR === 1 ? 'exempt' : adj.IndExeDR === undefined ? 'taxed' : 'other';
    const value = num(adj.ValorDR);
    if (adjClass !== kind || value === undefined) continue;
    const amount = adj.TpoValor === '%' ? roundHalfUp((subtotal * value) / 100) : value;
    result += adj.TpoMov === 'R' ? amount : -amount;
  }
  return result;
}

/**
 * M-01: MntNeto and MntExe equal the sums of taxed and exempt lines after global discounts/surcharges.
 * With gross prices (boletas, MntBruto=1) the taxed lines must add up to MntNeto + IVA instead.
 */
export const netExemptSumsRule: DteRule = {
  id: 'M-01',
  title: 'Neto y exento cuadran con las líneas',
  appliesTo: 'all',
  check(doc) {
    if (!doc.Detalle || doc.Detalle.length === 0) return [];
    const findings: Finding[] = [];
    const taxed = withGlobalAdjustments(doc, 'taxed', lineSum(doc, 'taxed'));
    const exempt = withGlobalAdjustments(doc, 'exempt', lineSum(doc, 'exempt'));
    const neto = num(doc.Totales.MntNeto);
    const exe = num(doc.Totales.MntExe) ?? 0;
    if (hasGrossPrices(doc)) {
      const iva = num(doc.Totales.IVA);
      if (neto !== undefined && iva !== undefined && neto + iva !== taxed) {
        const message = `El neto más IVA (${clp(neto + iva)}) no cuadra con la suma de las líneas afectas con IVA incluido (${clp(taxed)}).`;
        findings.push(finding(doc, 'M-01', 'block', 'Totales.MntNeto', message, { expected: taxed, found: neto + iva }));
      }
    } else if ((neto ?? 0) !== taxed) {
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
