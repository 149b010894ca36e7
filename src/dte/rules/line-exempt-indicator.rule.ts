import { BOLETA_TYPES } from '../dte.constants';
import { docType, finding } from './rule-helpers';
import type { DteRule, Finding } from './rule';

const ALLOWED = [1, 2, 3, 4, 5, 6];
const ALLOWED_BOLETA = [1, 2, 6];

/** L-06: IndExe is 1..6 (boletas: 1, 2 or 6). */
export const lineExemptIndicatorRule: DteRule = {
  id: 'L-06',
  title: 'Indicador de exención de las líneas',
  appliesTo: 'all',
  check(doc) {
    const type = docType(doc);
    const allowed = type !== undefined && BOLETA_TYPES.includes(type) ? ALLOWED_BOLETA : ALLOWED;
    const findings: Finding[] = [];
    (doc.Detalle ?? []).forEach((line, i) => {
      if (line.IndExe === undefined || (typeof line.IndExe === 'number' && allowed.includes(line.IndExe))) return;
      const message = `El indicador de exención de la línea ${i + 1} (${line.IndExe}) no es válido; valores permitidos: ${allowed.join(', ')}.`;
      findings.push(finding(doc, 'L-06', 'block', `Detalle[${i}].IndExe`, message, { expected: allowed, found: line.IndExe }));
    });
    return findings;
  },
};
