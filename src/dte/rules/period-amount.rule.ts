import { clp, finding, num } from './rule-helpers';
import type { DteRule } from './rule';

/** M-10: an informed MntPeriodo equals MntTotal + MontoNF (MontoNF absent counts as 0) (FMT c.126). */
export const periodAmountRule: DteRule = {
  id: 'M-10',
  title: 'Monto del período = total + no facturable',
  appliesTo: 'all',
  check(doc) {
    const period = num(doc.Totales.MntPeriodo);
    const total = num(doc.Totales.MntTotal);
    if (period === undefined || total === undefined) return [];
    const nonBillable = num(doc.Totales.MontoNF) ?? 0;
    const expected = total + nonBillable;
    if (period === expected) return [];
    const parts = nonBillable === 0 ? `el monto total (${clp(total)})` : `el total más el monto no facturable (${clp(total)} + ${clp(nonBillable)} = ${clp(expected)})`;
    const message = `El monto del período (${clp(period)}) debe ser ${parts}; corríjalo u omítalo.`;
    return [finding(doc, 'M-10', 'warn', 'Totales.MntPeriodo', message, { expected, found: period })];
  },
};
