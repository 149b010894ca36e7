import { normalizeRut } from '../rut';
import { finding, isReceptionSummary, num } from './rule-helpers';
import type { DteRule, Finding } from './rule';

/**
 * F-02: the folio lies inside the CAF sent as context, for the same type and emitter. Received documents
 * (addon form) carry no CAF and are skipped; a pre-send payload without a CAF gets a note.
 */
export const folioInCafRangeRule: DteRule = {
  id: 'F-02',
  title: 'Folio dentro del CAF',
  appliesTo: 'all',
  check(doc, ctx) {
    if (isReceptionSummary(doc)) return [];
    const caf = ctx.caf;
    if (!caf) return [finding(doc, 'F-02', 'info', 'Folio', 'No se envió el CAF; no se verificó que el folio esté autorizado.')];
    const findings: Finding[] = [];
    const folio = num(doc.Folio);
    const from = num(caf.D);
    const to = num(caf.H);
    if (caf.TD !== undefined && doc.TipoDTE !== undefined && caf.TD !== doc.TipoDTE) {
      const message = `El CAF es para documentos tipo ${caf.TD}, pero el documento es tipo ${doc.TipoDTE}.`;
      findings.push(finding(doc, 'F-02', 'block', 'TipoDTE', message, { expected: caf.TD, found: doc.TipoDTE }));
    }
    if (folio !== undefined && from !== undefined && to !== undefined && (folio < from || folio > to)) {
      const message = `El folio ${folio} está fuera del rango autorizado por el CAF (${from} a ${to}).`;
      findings.push(finding(doc, 'F-02', 'block', 'Folio', message, { expected: `${from}..${to}`, found: folio }));
    }
    const cafRut = normalizeRut(caf.RE);
    const emisorRut = normalizeRut(doc.Emisor.RUTEmisor);
    if (cafRut && emisorRut && cafRut !== emisorRut) {
      const message = `El CAF pertenece al RUT ${cafRut}, distinto del emisor ${emisorRut}.`;
      findings.push(finding(doc, 'F-02', 'block', 'Emisor.RUTEmisor', message, { expected: cafRut, found: emisorRut }));
    }
    return findings;
  },
};
