import type { DteType } from '../dte.constants';
import type { NormalizedDte } from '../normalize/normalized-dte';
import { clp, docType, finding, hasGrossPrices, num, roundHalfUp } from './rule-helpers';
import type { DteRule } from './rule';

const NET_PRICE_TYPES: readonly DteType[] = [33, 46, 52, 56, 61];
const BOLETA: readonly DteType[] = [39, 41];

/** Σ MontoItem of the taxed lines after taxed global discounts/surcharges (the same subtotal M-01 uses). */
function taxedSubtotal(doc: NormalizedDte): number {
  const lines = (doc.Detalle ?? []).filter((line) => line.IndExe === undefined);
  const subtotal = lines.reduce((sum, line) => sum + (num(line.MontoItem) ?? 0), 0);
  let result = subtotal;
  for (const adj of doc.DscRcgGlobal ?? []) {
    const value = num(adj.ValorDR);
    if (adj.IndExeDR !== undefined || value === undefined) continue;
    const amount = adj.TpoValor === '%' ? roundHalfUp((subtotal * value) / 100) : value;
    result += adj.TpoMov === 'R' ? amount : -amount;
  }
  return result;
}

/**
 * L-07: MontoItem is net on 33/46/52/56/61 unless MntBruto=1, and gross (IVA included) on boletas unless IndMntNeto=2.
 * Reports the typical mix-up: taxed lines adding up to MntNeto + IVA on a net-price document, or to MntNeto on a
 * gross-price one, and says which indicator to set.
 */
export const lineAmountBasisRule: DteRule = {
  id: 'L-07',
  title: 'Montos de línea netos o brutos según el documento',
  appliesTo: [...NET_PRICE_TYPES, ...BOLETA],
  check(doc) {
    const type = docType(doc);
    const neto = num(doc.Totales.MntNeto);
    const iva = num(doc.Totales.IVA);
    if (type === undefined || !doc.Detalle?.length || neto === undefined || iva === undefined || iva === 0) return [];
    const taxed = taxedSubtotal(doc);
    const boleta = BOLETA.includes(type);
    if (!hasGrossPrices(doc)) {
      if (taxed === neto || taxed !== neto + iva) return [];
      const fix = boleta
        ? 'quite IndMntNeto=2 (en boletas los montos van con IVA incluido) o envíe los montos netos'
        : 'envíe los montos netos en PrcItem/MontoItem o indique MntBruto=1 (montos brutos)';
      const message = `Las líneas afectas suman ${clp(taxed)}, que es el neto más IVA: los montos de las líneas vienen con IVA incluido pero el documento declara precios netos. Para corregirlo, ${fix}.`;
      return [finding(doc, 'L-07', 'block', 'Detalle', message, { expected: neto, found: taxed })];
    }
    if (taxed !== neto) return [];
    const fix = boleta
      ? 'envíe los montos con IVA incluido o indique IndMntNeto=2 (montos netos)'
      : 'envíe los montos con IVA incluido o quite MntBruto=1';
    const message = `Las líneas afectas suman ${clp(taxed)}, igual al neto: los montos de las líneas vienen sin IVA pero el documento declara precios brutos (IVA incluido), que debieran sumar ${clp(neto + iva)}. Para corregirlo, ${fix}.`;
    return [finding(doc, 'L-07', 'block', 'Detalle', message, { expected: neto + iva, found: taxed })];
  },
};
