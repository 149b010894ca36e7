import type { NormalizedDte } from '../normalize/normalized-dte';
import { finding, isReceptionSummary } from './rule-helpers';
import type { DteRule, Finding } from './rule';

// eslint-disable-next-line no-control-regex -- the range starts at U+0000 on purpose: everything outside Latin-1
const NON_LATIN1 = /[^\u0000-\u00ff]/u;

/** Every text value outside ISO-8859-1 with its dotted SII path (arrays as `Detalle[0]`); paths are built only for hits. */
function nonLatin1Fields(node: unknown, path: readonly (string | number)[], out: { path: string; bad: string }[]): void {
  if (typeof node === 'string') {
    const bad = NON_LATIN1.exec(node);
    if (bad) out.push({ path: path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`)).join(''), bad: bad[0] });
  } else if (Array.isArray(node)) {
    node.forEach((item, i) => nonLatin1Fields(item, [...path, i], out));
  } else if (node !== null && typeof node === 'object') {
    for (const key of Object.keys(node)) nonLatin1Fields((node as Record<string, unknown>)[key], [...path, key], out);
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
    if (isReceptionSummary(doc)) return [];
    const { form: _form, unknownKeys: _unknown, ...content } = doc;
    const hits: { path: string; bad: string }[] = [];
    nonLatin1Fields(content, [], hits);
    const findings: Finding[] = [];
    for (const { path, bad } of hits) {
      const message = `El campo ${path} contiene "${bad}", un carácter que el SII no acepta (solo ISO-8859-1): quítelo o reemplácelo.`;
      findings.push(finding(doc, 'H-05', 'block', path, message, { found: bad }));
    }
    return findings;
  },
};
