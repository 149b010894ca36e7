import { finding, isIsoDate } from './rule-helpers';
import type { DteRule } from './rule';

/** D-04: the due date (FchVenc) is not before the emission date. */
export const dueDateOrderRule: DteRule = {
  id: 'D-04',
  title: 'Vencimiento posterior a la emisión',
  appliesTo: 'all',
  check(doc) {
    if (!isIsoDate(doc.FchEmis) || !isIsoDate(doc.FchVenc) || doc.FchVenc >= doc.FchEmis) return [];
    const message = `La fecha de vencimiento ${doc.FchVenc} es anterior a la fecha de emisión ${doc.FchEmis}.`;
    return [finding(doc, 'D-04', 'warn', 'FchVenc', message, { expected: `>= ${doc.FchEmis}`, found: doc.FchVenc })];
  },
};
