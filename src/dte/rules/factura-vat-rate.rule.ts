import { IVA_RATE_PERCENT } from '../dte.constants';
import { finding, isReceptionSummary, num } from './rule-helpers';
import type { DteRule } from './rule';

/** M-09: a factura 33 with a net amount informs TasaIVA = 19 (the addon form only when it sends tasa_iva). */
export const facturaVatRateRule: DteRule = {
  id: 'M-09',
  title: 'Tasa de IVA 19% en factura afecta',
  appliesTo: [33],
  check(doc) {
    const rate = doc.Totales.TasaIVA;
    const neto = num(doc.Totales.MntNeto) ?? 0;
    if (rate === undefined) {
      if (isReceptionSummary(doc) || neto === 0) return [];
      return [finding(doc, 'M-09', 'block', 'Totales.TasaIVA', 'Falta la tasa de IVA (19%) en la factura afecta.', { expected: IVA_RATE_PERCENT })];
    }
    if (rate === IVA_RATE_PERCENT) return [];
    const message = `La tasa de IVA informada (${rate}%) no es la vigente (19%).`;
    return [finding(doc, 'M-09', 'block', 'Totales.TasaIVA', message, { expected: IVA_RATE_PERCENT, found: rate })];
  },
};
