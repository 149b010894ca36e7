import { finding, num } from './rule-helpers';
import type { DteRule } from './rule';

/** T-03: a factura 33 needs at least one taxed line; an all-exempt document must be issued as 34. */
export const facturaNeedsTaxedLineRule: DteRule = {
  id: 'T-03',
  title: 'Factura afecta con al menos una línea afecta',
  appliesTo: [33],
  check(doc) {
    const message = 'Una factura electrónica (33) sin montos afectos a IVA debe emitirse como factura exenta (34).';
    if (doc.Detalle && doc.Detalle.length > 0) {
      const allExempt = doc.Detalle.every((line) => line.IndExe === 1);
      return allExempt ? [finding(doc, 'T-03', 'block', 'Detalle', message, { expected: 34, found: 33 })] : [];
    }
    const neto = num(doc.Totales.MntNeto) ?? 0;
    const exento = num(doc.Totales.MntExe) ?? 0;
    const total = num(doc.Totales.MntTotal);
    const onlyExempt = neto === 0 && total !== undefined && total > 0 && exento === total;
    return onlyExempt ? [finding(doc, 'T-03', 'block', 'Totales.MntNeto', message, { expected: 34, found: 33 })] : [];
  },
};
