import { REFERENCE_REQUIRED_TYPES } from '../dte.constants';
import { clp, finding, num } from './rule-helpers';
import type { DteRule, Finding } from './rule';

/**
 * X-08: a note that only corrects text (CodRef 2) carries a zero total and a single line saying "donde dice … debe
 * decir …" (FMT c.38; Odoo's reversal builds exactly one zero-priced line). Non-zero line amounts are L-05's.
 */
export const textCorrectionNoteRule: DteRule = {
  id: 'X-08',
  title: 'Nota que corrige texto',
  appliesTo: REFERENCE_REQUIRED_TYPES,
  check(doc) {
    if (!(doc.Referencia ?? []).some((ref) => ref.CodRef === 2)) return [];
    const findings: Finding[] = [];
    const total = num(doc.Totales.MntTotal);
    if (total !== undefined && total !== 0) {
      const message =
        `Una nota que solo corrige texto (CodRef 2) debe tener todos sus montos en 0, pero su total es ${clp(total)}. ` +
        'Si la nota también cambia montos, use CodRef 3 (corrige montos).';
      findings.push(finding(doc, 'X-08', 'warn', 'Totales.MntTotal', message, { expected: 0, found: total }));
    }
    const lines = doc.Detalle?.length ?? 0;
    if (lines > 1) {
      const message =
        `Una nota que solo corrige texto (CodRef 2) debe tener una sola línea, en 0, que indique "donde dice … debe decir …"; ` +
        `esta tiene ${lines} líneas.`;
      findings.push(finding(doc, 'X-08', 'warn', 'Detalle', message, { expected: 1, found: lines }));
    }
    return findings;
  },
};
