/** Subtotals of the lines by tax class, after global discounts/surcharges, shared by M-01 and L-07. */
import type { DteType } from '../dte.constants';
import type { NormalizedDte } from '../normalize/normalized-dte';
import { docType, hasGrossPrices, num, roundHalfUp } from './rule-helpers';

export type AmountClass = 'taxed' | 'exempt';

/** Types whose line amounts L-07 judges: net unless MntBruto=1, or gross (boletas) unless IndMntNeto=2. */
export const AMOUNT_BASIS_TYPES: readonly DteType[] = [33, 46, 52, 56, 61, 39, 41];

function lineSum(doc: NormalizedDte, kind: AmountClass): number {
  return (doc.Detalle ?? []).filter((line) => (kind === 'exempt' ? line.IndExe === 1 : line.IndExe === undefined)).reduce((sum, line) => sum + (num(line.MontoItem) ?? 0), 0);
}

/** Σ MontoItem of the taxed lines (no IndExe), before any global discount or surcharge. */
export function taxedLineSum(doc: NormalizedDte): number {
  return lineSum(doc, 'taxed');
}

/** Σ MontoItem of the class's lines, then each global discount/surcharge of that class (a `%` applies to the line sum). */
export function classSubtotal(doc: NormalizedDte, kind: AmountClass): number {
  const subtotal = lineSum(doc, kind);
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
 * The L-07 mix-up, when there is one: taxed lines adding up to MntNeto + IVA on a net-price document
 * (`gross-lines`), or to MntNeto on a gross-price one (`net-lines`).
 */
export function amountBasisMixUp(doc: NormalizedDte): { kind: 'gross-lines' | 'net-lines'; taxed: number; neto: number; iva: number } | undefined {
  const type = docType(doc);
  const neto = num(doc.Totales.MntNeto);
  const iva = num(doc.Totales.IVA);
  if (type === undefined || !AMOUNT_BASIS_TYPES.includes(type) || !doc.Detalle?.length) return undefined;
  if (neto === undefined || iva === undefined || iva === 0) return undefined;
  const taxed = classSubtotal(doc, 'taxed');
  if (hasGrossPrices(doc)) return taxed === neto ? { kind: 'net-lines', taxed, neto, iva } : undefined;
  return taxed !== neto && taxed === neto + iva ? { kind: 'gross-lines', taxed, neto, iva } : undefined;
}
