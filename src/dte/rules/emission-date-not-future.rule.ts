import { finding, isIsoDate, todayInChile } from './rule-helpers';
import type { DteRule } from './rule';

/** D-02: FchEmis is not later than today in Chile (America/Santiago). */
export const emissionDateNotFutureRule: DteRule = {
  id: 'D-02',
  title: 'Fecha de emisión no futura',
  appliesTo: 'all',
  check(doc, ctx) {
    if (!isIsoDate(doc.FchEmis)) return [];
    const today = todayInChile(ctx.now);
    if (doc.FchEmis <= today) return [];
    const message = `La fecha de emisión ${doc.FchEmis} es posterior a hoy en Chile (${today}).`;
    return [finding(doc, 'D-02', 'block', 'FchEmis', message, { expected: `<= ${today}`, found: doc.FchEmis })];
  },
};
