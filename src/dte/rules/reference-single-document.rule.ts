import { finding } from './rule-helpers';
import type { DteRule } from './rule';
import { refersToTaxDocument } from './reference-helpers';

/** a note that annuls (CodRef 1) or corrects text (CodRef 2) references exactly one tax document. */
export const referenceSingleDocumentRule: DteRule = {
  id: 'X-03',
  title: 'Anulación o corrección de texto sobre un solo documento',
  appliesTo: [56, 61, 111, 112],
  check(doc) {
    const refs = doc.Referencia ?? [];
    const annulsOrCorrects = refs.some((ref) => ref.CodRef === 1 || ref.CodRef === 2);
    const taxRefs = refs.filter(refersToTaxDocument).length;
    if (!annulsOrCorrects || taxRefs <= 1) return [];
    const message = `Una nota que anula o corrige texto debe referenciar un solo documento; referencia ${taxRefs}.`;
    return [finding(doc, 'X-03', 'block', 'Referencia', message, { expected: 1, found: taxRefs })];
  },
};
