import type { NormalizedDte } from '../normalize/normalized-dte';
import { finding } from './rule-helpers';
import type { DteRule, Finding } from './rule';

/** The first character outside ISO-8859-1 (code point above U+00FF), if any. */
function firstNonLatin1(text: string): string | undefined {
  for (const char of text) {
    if (char.codePointAt(0)! > 0xff) return char;
  }
  return undefined;
}

/** Every text value in the document with its dotted SII path (arrays as `Detalle[0]`). */
function textFields(node: unknown, path: string, out: { path: string; value: string }[]): void {
  if (typeof node === 'string') {
    out.push({ path, value: node });
  } else if (Array.isArray(node)) {
    node.forEach((item, i) => textFields(item, `${path}[${i}]`, out));
  } else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) textFields(value, path ? `${path}.${key}` : key, out);
  }
}

/**
 * H-05: the SII XML is encoded in ISO-8859-1, so every text must be representable there (an emoji or a CJK
 * character in NmbItem or RznSoc is rejected as ENV-3-0). XML special characters are escaped by Odoo, so they pass.
 */
export const latin1TextRule: DteRule = {
  id: 'H-05',
  title: 'Texto representable en ISO-8859-1',
  appliesTo: 'all',
  check(doc: NormalizedDte) {
    if (doc.form !== 'sii') return [];
    const { form: _form, unknownKeys: _unknown, ...content } = doc;
    const fields: { path: string; value: string }[] = [];
    textFields(content, '', fields);
    const findings: Finding[] = [];
    for (const field of fields) {
      const bad = firstNonLatin1(field.value);
      if (bad === undefined) continue;
      const message = `El campo ${field.path} contiene "${bad}", un carácter que el SII no acepta (solo ISO-8859-1): quítelo o reemplácelo.`;
      findings.push(finding(doc, 'H-05', 'block', field.path, message, { found: bad }));
    }
    return findings;
  },
};
