import { REFERENCE_REQUIRED_TYPES } from '../dte.constants';
import { docType, finding, num } from './rule-helpers';
import type { DteRule, Finding } from './rule';

/** L-05: MontoItem is 0 on lines with IndExe 4/5 and on "corrige texto" notes (CodRef 2, types 56/61/111/112); negative only on 43. */
export const lineZeroAmountRule: DteRule = {
  id: 'L-05',
  title: 'Montos de línea en cero o negativos',
  appliesTo: 'all',
  check(doc) {
    const type = docType(doc);
    const correctsText = type !== undefined && REFERENCE_REQUIRED_TYPES.includes(type) && (doc.Referencia ?? []).some((ref) => ref.CodRef === 2);
    const findings: Finding[] = [];
    (doc.Detalle ?? []).forEach((line, i) => {
      const amount = num(line.MontoItem);
      if (amount === undefined) return;
      const path = `Detalle[${i}].MontoItem`;
      if ((line.IndExe === 4 || line.IndExe === 5) && amount !== 0) {
        const message = `La línea ${i + 1} es un ítem que no es venta (IndExe ${line.IndExe}); su monto debe ser 0.`;
        findings.push(finding(doc, 'L-05', 'block', path, message, { expected: 0, found: amount }));
      } else if (correctsText && amount !== 0) {
        const message = `Una nota que solo corrige texto (CodRef 2) debe tener montos en 0; la línea ${i + 1} tiene ${amount}.`;
        findings.push(finding(doc, 'L-05', 'block', path, message, { expected: 0, found: amount }));
      } else if (amount < 0 && doc.TipoDTE !== 43) {
        const message = `La línea ${i + 1} tiene un monto negativo; solo la liquidación-factura (43) lo permite.`;
        findings.push(finding(doc, 'L-05', 'block', path, message, { expected: '>= 0', found: amount }));
      }
    });
    return findings;
  },
};
