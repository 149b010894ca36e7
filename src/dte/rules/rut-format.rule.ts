import { isCanonicalRut, parseRut } from '../rut';
import { finding, rutFields } from './rule-helpers';
import type { DteRule, Finding } from './rule';

/**
 * every RUT has the canonical form `12345678-9`. Unreadable RUTs block; a readable but loosely written RUT
 * (dots, `CL` prefix, lowercase k) blocks only in `dte_xml`, where the schema would reject it; in any JSON form it is
 * read and noted, since Odoo stores RUTs with dots and normalizes them when it renders the XML (contract §4.6). A RUT
 * with neither hyphen nor `CL` prefix blocks everywhere: it may have lost its check digit.
 */
/** Dots, spaces, lowercase k or a `CL` prefix are how Odoo stores a RUT; only a missing hyphen leaves doubt it is complete. */
function readableInJson(value: string): boolean {
  return value.includes('-') || /^\s*CL/i.test(value);
}

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
        const severity = doc.fromXml || !readableInJson(value) ? 'block' : 'info';
        const message = value.includes('-')
          ? `El RUT "${value}" debe escribirse sin puntos ni prefijo: ${parsed.canonical}.`
          : `El RUT "${value}" no tiene guion antes del dígito verificador; se leyó como ${parsed.canonical}. Revise que esté completo.`;
        findings.push(finding(doc, 'R-01', severity, path, message, { expected: parsed.canonical, found: value }));
      }
    }
    return findings;
  },
};
