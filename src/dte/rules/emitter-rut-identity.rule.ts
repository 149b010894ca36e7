import { normalizeRut } from '../rut';
import { finding, isReceptionSummary } from './rule-helpers';
import type { DteRule, Finding } from './rule';

/**
 * the emitter's RUT, the CAF's `RE` and the company VAT sent as context are one and the same RUT
 * (Odoo refuses to enable a CAF of another RUT, `l10n_cl_dte_caf.action_enable`).
 *
 * RUTEmisor ≠ CAF `RE` is already reported by F-02, so this rule reports the company VAT against RUTEmisor, and
 * against the CAF `RE` only when RUTEmisor is missing or unreadable (with it, the other two checks cover that case).
 * Received documents (addon form) are skipped: there the company is the receiver. RUTs that do not parse are left to R-01.
 */
export const emitterRutIdentityRule: DteRule = {
  id: 'R-04',
  title: 'RUT emisor igual al del CAF y de la empresa',
  appliesTo: 'all',
  check(doc, ctx) {
    if (isReceptionSummary(doc)) return [];
    const company = normalizeRut(ctx.company?.vat);
    if (company === null) return [];
    const emitter = normalizeRut(doc.Emisor.RUTEmisor);
    const findings: Finding[] = [];
    if (emitter !== null && emitter !== company) {
      const message = `El RUT emisor del documento (${emitter}) no es el RUT de la empresa en Odoo (${company}); ` + 'revise que el documento se esté emitiendo desde la empresa correcta.';
      findings.push(finding(doc, 'R-04', 'block', 'Emisor.RUTEmisor', message, { expected: company, found: emitter }));
    }
    const cafRut = normalizeRut(ctx.caf?.RE);
    if (emitter === null && cafRut !== null && cafRut !== company) {
      const message = `El CAF fue autorizado para el RUT ${cafRut}, no para la empresa (${company}); ` + 'cargue en Odoo un CAF de la empresa emisora.';
      findings.push(finding(doc, 'R-04', 'block', 'Emisor.RUTEmisor', message, { expected: company, found: cafRut }));
    }
    return findings;
  },
};
