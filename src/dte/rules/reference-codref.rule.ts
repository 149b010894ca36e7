import { REFERENCE_REQUIRED_TYPES, isDteType } from '../dte.constants';
import { finding } from './rule-helpers';
import type { DteRule, Finding } from './rule';
import { COD_REF_VALUES, refersToTaxDocument } from './reference-helpers';

/** on 56/61/111/112 each reference to a tax document carries CodRef 1, 2 or 3; elsewhere CodRef, when given, is 1..3. */
export const referenceCodRefRule: DteRule = {
  id: 'X-02',
  title: 'Código de referencia (CodRef)',
  appliesTo: 'all',
  check(doc) {
    const isNote = isDteType(doc.TipoDTE) && REFERENCE_REQUIRED_TYPES.includes(doc.TipoDTE);
    const findings: Finding[] = [];
    (doc.Referencia ?? []).forEach((ref, i) => {
      const path = `Referencia[${i}].CodRef`;
      if (ref.CodRef === undefined) {
        if (isNote && refersToTaxDocument(ref)) {
          const message = `La referencia ${i + 1} debe indicar si la nota anula (1), corrige texto (2) o corrige montos (3).`;
          findings.push(finding(doc, 'X-02', 'block', path, message, { expected: COD_REF_VALUES }));
        }
      } else if (typeof ref.CodRef !== 'number' || !COD_REF_VALUES.includes(ref.CodRef)) {
        const message = `El código de referencia "${ref.CodRef}" de la referencia ${i + 1} no es válido (1, 2 o 3).`;
        findings.push(finding(doc, 'X-02', 'block', path, message, { expected: COD_REF_VALUES, found: ref.CodRef }));
      }
    });
    return findings;
  },
};
