import { MAX_REFERENCES } from '../dte.constants';
import { finding } from './rule-helpers';
import type { DteRule, Finding } from './rule';

/** at most 40 references, NroLinRef within 1..40 and ascending. */
export const referenceLineNumbersRule: DteRule = {
  id: 'X-04',
  title: 'Numeración de referencias',
  appliesTo: 'all',
  check(doc) {
    const refs = doc.Referencia ?? [];
    const findings: Finding[] = [];
    if (refs.length > MAX_REFERENCES) {
      const message = `El documento tiene ${refs.length} referencias; el máximo es ${MAX_REFERENCES}.`;
      findings.push(finding(doc, 'X-04', 'block', 'Referencia', message, { expected: MAX_REFERENCES, found: refs.length }));
    }
    let previous = 0;
    refs.forEach((ref, i) => {
      const nro = ref.NroLinRef;
      if (nro === undefined) return;
      if (typeof nro !== 'number' || !Number.isInteger(nro) || nro < 1 || nro > MAX_REFERENCES || nro <= previous) {
        const message = `El número de línea de la referencia ${i + 1} (${nro}) debe estar entre 1 y ${MAX_REFERENCES} y ser creciente.`;
        findings.push(finding(doc, 'X-04', 'block', `Referencia[${i}].NroLinRef`, message, { found: nro }));
      }
      if (typeof nro === 'number') previous = nro;
    });
    return findings;
  },
};
