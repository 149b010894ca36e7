import { BOLETA_TYPES, MAX_LINES, MAX_LINES_BOLETA } from '../dte.constants';
import { docType, finding, isReceptionSummary } from './rule-helpers';
import type { DteRule, Finding } from './rule';

/** L-01: 1..60 detail lines (1..1000 on boletas), numbered 1, 2, 3... The addon body carries no lines and is skipped. */
export const lineCountRule: DteRule = {
  id: 'L-01',
  title: 'Cantidad y numeración de líneas',
  appliesTo: 'all',
  check(doc) {
    if (isReceptionSummary(doc)) return [];
    const lines = doc.Detalle ?? [];
    const type = docType(doc);
    const max = type !== undefined && BOLETA_TYPES.includes(type) ? MAX_LINES_BOLETA : MAX_LINES;
    if (lines.length === 0) return [finding(doc, 'L-01', 'block', 'Detalle', 'El documento no tiene líneas de detalle.')];
    const findings: Finding[] = [];
    if (lines.length > max) {
      const message = `El documento tiene ${lines.length} líneas; el máximo permitido es ${max}.`;
      findings.push(finding(doc, 'L-01', 'block', 'Detalle', message, { expected: max, found: lines.length }));
    }
    lines.forEach((line, i) => {
      if (line.NroLinDet !== undefined && line.NroLinDet !== i + 1) {
        const message = `La línea ${i + 1} está numerada como ${line.NroLinDet}; la numeración debe ser correlativa desde 1.`;
        findings.push(finding(doc, 'L-01', 'block', `Detalle[${i}].NroLinDet`, message, { expected: i + 1, found: line.NroLinDet }));
      }
    });
    return findings;
  },
};
