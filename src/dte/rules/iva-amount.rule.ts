import { EXEMPT_TYPES, IVA_RATE_PERCENT } from '../dte.constants';
import { clp, docType, finding, hasGrossPrices, isReceptionSummary, num, roundHalfUp } from './rule-helpers';
import type { DteRule } from './rule';

/**
 * M-02: on net-price documents IVA = round(MntNeto × TasaIVA / 100), half-up (TasaIVA defaults to 19).
 * A 1-peso difference blocks a pre-send SII payload but is only a warning on a received document (addon form),
 * whose reduced body cannot say whether the supplier priced gross.
 */
export const ivaAmountRule: DteRule = {
  id: 'M-02',
  title: 'IVA = neto × 19%',
  appliesTo: [33, 43, 46, 52, 56, 61],
  check(doc) {
    const type = docType(doc);
    if (type === undefined || EXEMPT_TYPES.includes(type) || hasGrossPrices(doc)) return [];
    const neto = num(doc.Totales.MntNeto);
    if (neto === undefined || neto === 0) return [];
    const rate = num(doc.Totales.TasaIVA) ?? IVA_RATE_PERCENT;
    const expected = roundHalfUp((neto * rate) / 100);
    const iva = num(doc.Totales.IVA);
    if (iva === undefined) {
      const message = `Falta el IVA: con un neto de ${clp(neto)} corresponde ${clp(expected)}.`;
      return [finding(doc, 'M-02', 'block', 'Totales.IVA', message, { expected })];
    }
    const diff = Math.abs(iva - expected);
    if (diff === 0) return [];
    const severity = diff === 1 && isReceptionSummary(doc) ? 'warn' : 'block';
    const message = `El IVA (${clp(iva)}) no corresponde al ${rate}% del neto ${clp(neto)}: debería ser ${clp(expected)}.`;
    return [finding(doc, 'M-02', severity, 'Totales.IVA', message, { expected, found: iva })];
  },
};
