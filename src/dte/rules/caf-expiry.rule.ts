import { CAF_VALIDITY_DAYS, EXPIRING_CAF_TYPES } from '../dte.constants';
import { addDays, finding, isIsoDate, todayInChile } from './rule-helpers';
import type { DteRule } from './rule';

/** F-03: CAFs of types 33, 43, 46, 56 and 61 expire six months (180 days) after their authorisation date. */
export const cafExpiryRule: DteRule = {
  id: 'F-03',
  title: 'CAF vigente',
  appliesTo: EXPIRING_CAF_TYPES,
  check(doc, ctx) {
    const issued = ctx.caf?.FA;
    if (!isIsoDate(issued)) return [];
    const lastValidDay = addDays(issued, CAF_VALIDITY_DAYS);
    const today = todayInChile(ctx.now);
    if (today <= lastValidDay) return [];
    const message = `El CAF autorizado el ${issued} venció el ${lastValidDay} (6 meses); solicite folios nuevos al SII.`;
    return [finding(doc, 'F-03', 'block', 'Folio', message, { expected: `<= ${lastValidDay}`, found: today })];
  },
};
