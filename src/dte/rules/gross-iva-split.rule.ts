import { IVA_RATE_PERCENT } from '../dte.constants';
import { clp, finding, hasGrossPrices, num, roundHalfUp } from './rule-helpers';
import type { DteRule } from './rule';

/**
 * M-03: on gross-price documents (boletas, MntBruto=1) the split Neto = round(T / 1.19), IVA = T − Neto may leave
 * IVA one peso away from round(Neto × 19%); more than that is an error.
 */
export const grossIvaSplitRule: DteRule = {
  id: 'M-03',
  title: 'IVA de documentos con precios brutos',
  appliesTo: 'all',
  check(doc) {
    if (!hasGrossPrices(doc)) return [];
    const neto = num(doc.Totales.MntNeto);
    const iva = num(doc.Totales.IVA);
    if (neto === undefined || iva === undefined) return [];
    const expected = roundHalfUp((neto * IVA_RATE_PERCENT) / 100);
    if (Math.abs(iva - expected) <= 1) return [];
    const message = `El IVA (${clp(iva)}) no corresponde al 19% del neto ${clp(neto)} (se acepta ±1 peso en precios brutos): debería ser ${clp(expected)}.`;
    return [finding(doc, 'M-03', 'block', 'Totales.IVA', message, { expected, found: iva })];
  },
};
