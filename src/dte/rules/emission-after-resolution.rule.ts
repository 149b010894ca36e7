import { finding, isIsoDate } from './rule-helpers';
import type { DteRule } from './rule';

/**
 * D-03: FchEmis is not before the emitter's SII authorisation (resolution) date sent as `context.company`;
 * the SII rejects such a document with HED-3-305. Silent when either date is missing or not a real date
 * (D-01 reports a bad FchEmis).
 */
export const emissionAfterResolutionRule: DteRule = {
  id: 'D-03',
  title: 'Fecha de emisión posterior a la resolución SII',
  appliesTo: 'all',
  check(doc, ctx) {
    const resolutionDate = ctx.company?.resolutionDate;
    if (!isIsoDate(doc.FchEmis) || !isIsoDate(resolutionDate)) return [];
    if (doc.FchEmis >= resolutionDate) return [];
    const message =
      `La fecha de emisión ${doc.FchEmis} es anterior a la fecha de la resolución que autoriza al emisor a emitir DTE ` +
      `(${resolutionDate}); el SII lo rechaza (HED-3-305). Corrija la fecha de emisión o la fecha de resolución de la empresa en Odoo.`;
    return [finding(doc, 'D-03', 'block', 'FchEmis', message, { expected: `>= ${resolutionDate}`, found: doc.FchEmis })];
  },
};
