import { isCanonicalRut, parseRut } from '../rut';
import { finding, rutFields } from './rule-helpers';
import type { DteRule, Finding } from './rule';

/**
 * every RUT has the canonical form `12345678-9`. Unreadable RUTs block; a readable but loosely written RUT
 * (dots, `CL` prefix, lowercase k) blocks in the SII-tag form (the XML schema would reject it) and is only a note
 * in the addon form, where Odoo stores RUTs with dots.
 */
export const rutFormatRule: DteRule = {
  id: 'R-01',
  title: 'Formato de RUT',
  appliesTo: 'all',
  check(doc) {
    const findings: Finding[] = [];
    for (const { path, value } of rutFields(doc)) {
      const parsed = parseRut(value);
      if (!parsed) {
        findings.push(finding(doc, 'R-01', 'block', path, `El RUT "${value}" no tiene un formato válido (ej. 76086428-5).`, { found: value }));
      } else if (!isCanonicalRut(value)) {
        const severity = doc.form === 'sii' ? 'block' : 'info';
        const message = value.includes('-')
          ? `El RUT "${value}" debe escribirse sin puntos ni prefijo: ${parsed.canonical}.`
          : `El RUT "${value}" no tiene guion antes del dígito verificador; se leyó como ${parsed.canonical}. Revise que esté completo.`;
        findings.push(finding(doc, 'R-01', severity, path, message, { expected: parsed.canonical, found: value }));
      }
    }
    return findings;
  },
};
