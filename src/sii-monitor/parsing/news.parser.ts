import { htmlToText, absoluteUrl } from './html-text';
import { itemContentHash, type SiiParsedItem } from './sii-item';
import { isoDate } from './spanish-date';

const ARRAY_START = /arrayIndice\s*=\s*\[/;
/** `['id', 'dd/mm/yyyy', 'title'` at the start of a tuple, either quote style, backslash escapes allowed. */
const TUPLE = /\[\s*(['"])((?:\\.|(?!\1)[^\\])*)\1\s*,\s*(['"])((?:\\.|(?!\3)[^\\])*)\3\s*,\s*(['"])((?:\\.|(?!\5)[^\\])*)\5/g;
const ARRAY_END = /\]\s*\)?\s*;/;

function unescapeJs(value: string): string {
  return value.replace(/\\(.)/g, '$1');
}

function isoFromSlashes(value: string): string | null {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value.trim());
  return match ? isoDate(Number(match[3]), Number(match[2]), Number(match[1])) : null;
}

/** Reads the `arrayIndice = [['id','dd/mm/yyyy','title','image'], ...]` array of the SII news index. */
export function parseNewsIndex(html: string, pageUrl: string): SiiParsedItem[] {
  const start = ARRAY_START.exec(html);
  if (!start) return [];
  const body = html.slice(start.index + start[0].length);
  const end = findArrayEnd(body);
  const arrayText = end >= 0 ? body.slice(0, end) : body;
  const items: SiiParsedItem[] = [];
  for (const match of arrayText.matchAll(TUPLE)) {
    const id = unescapeJs(match[2]).trim();
    if (!/^[A-Za-z0-9_-]+$/.test(id)) continue;
    const title = htmlToText(unescapeJs(match[6]));
    const publishedAt = isoFromSlashes(unescapeJs(match[4]));
    const url = absoluteUrl(`${id}.htm`, pageUrl) ?? pageUrl;
    const fields = { title, number: null, publishedAt, pdfUrl: null, summary: '' };
    items.push({ key: `noticia-${id}`, kind: 'news', url, ...fields, contentHash: itemContentHash(fields) });
  }
  return items;
}

function findArrayEnd(body: string): number {
  let depth = 1;
  let quote: string | null = null;
  for (let i = 0; i < body.length; i++) {
    const char = body[i];
    if (quote) {
      if (char === '\\') i++;
      else if (char === quote) quote = null;
      continue;
    }
    if (char === "'" || char === '"') quote = char;
    else if (char === '[') depth++;
    else if (char === ']') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return ARRAY_END.exec(body)?.index ?? -1;
}
