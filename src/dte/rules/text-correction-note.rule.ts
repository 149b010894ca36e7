import { stripAccents } from 'src/common/text/accents';
import { REFERENCE_REQUIRED_TYPES } from '../dte.constants';
import type { NormalizedLine } from '../normalize/normalized-dte';
import { clp, finding, num } from './rule-helpers';
import type { DteRule, Finding } from './rule';

/** The two halves of the correction line: Spanish, and Odoo's English wording when its UI is in English. */
const CORRECTION_WORDINGS = [
  ['donde dice', 'debe decir'],
  ['where it says', 'should say'],
];

/** True when the line's name or description reads "donde dice … debe decir …" (any case, with or without accents). */
function readsAsCorrection(line: NormalizedLine): boolean {
  const text = stripAccents(`${line.NmbItem ?? ''} ${line.DscItem ?? ''}`)
    .toLowerCase()
    .replace(/\s+/g, ' ');
  return CORRECTION_WORDINGS.some(([said, should]) => {
    const at = text.indexOf(said);
    return at !== -1 && text.indexOf(should, at + said.length) !== -1;
  });
}

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
        `Una nota que solo corrige texto (CodRef 2) debe tener todos sus montos en 0, pero su total es ${clp(total)}. ` + 'Si la nota también cambia montos, use CodRef 3 (corrige montos).';
      findings.push(finding(doc, 'X-08', 'warn', 'Totales.MntTotal', message, { expected: 0, found: total }));
    }
    const lines = doc.Detalle?.length ?? 0;
    if (lines > 1) {
      const message = `Una nota que solo corrige texto (CodRef 2) debe tener una sola línea, en 0, que indique "donde dice … debe decir …"; ` + `esta tiene ${lines} líneas.`;
      findings.push(finding(doc, 'X-08', 'warn', 'Detalle', message, { expected: 1, found: lines }));
    }
    if (lines === 1 && !readsAsCorrection(doc.Detalle![0])) {
      const message = 'La línea de una nota que solo corrige texto (CodRef 2) debe decir qué se corrige: "donde dice … debe decir …" ' + `(esta dice "${doc.Detalle![0].NmbItem ?? ''}").`;
      findings.push(finding(doc, 'X-08', 'warn', 'Detalle[0].NmbItem', message, { expected: 'donde dice … debe decir …', found: doc.Detalle![0].NmbItem }));
    }
    return findings;
  },
};
