import { load } from 'src/common/html/cheerio';

import { absoluteUrl, yearFromUrl } from './html-text';
import { extractCircularNumber, extractResolutionNumber, numberFromFileName, type NormNumber } from './norm-number';
import { itemContentHash, normalizeSpace, type SiiParsedItem } from './sii-item';
import { parseSpanishDate } from './spanish-date';

/** The two yearly norm indexes, which share one block layout. */
export type NormIndexKind = 'circulares' | 'resoluciones';

const NORM_RULES: Record<NormIndexKind, { prefix: string; extract: (text: string) => NormNumber | null }> = {
  circulares: { prefix: 'circular', extract: extractCircularNumber },
  resoluciones: { prefix: 'resolucion', extract: extractResolutionNumber },
};

/**
 * Reads a yearly circulares/resoluciones index: repeated `<h5><a href="…pdf">title</a></h5>` blocks, each
 * followed by a `<p>` with the subject (materia) and a `<span><i>Fuente: …</i></span>`.
 */
export function parseNormIndex(html: string, pageUrl: string, kind: NormIndexKind): SiiParsedItem[] {
  const $ = load(html);
  const rule = NORM_RULES[kind];
  const pageYear = yearFromUrl(pageUrl);
  const items: SiiParsedItem[] = [];
  const seen = new Set<string>();
  $('h5').each((_, heading) => {
    const link = $(heading).find('a').first();
    const title = normalizeSpace(link.length ? link.text() : $(heading).text());
    if (!title) return;
    const href = link.attr('href');
    const extracted = rule.extract(title);
    const number = extracted?.number ?? (href ? numberFromFileName(href) : null);
    if (!number) return;
    const publishedAt = parseSpanishDate(title);
    const year = publishedAt ? Number(publishedAt.slice(0, 4)) : (extracted?.year ?? pageYear);
    const key = `${rule.prefix}-${year ?? 'sin-anio'}-${number}`;
    if (seen.has(key)) return;
    seen.add(key);
    const block = $(heading).nextUntil('h5');
    const summary = normalizeSpace(block.filter('p').first().text() || block.find('p').first().text());
    const pdfUrl = absoluteUrl(href, pageUrl);
    const fields = { title, number, publishedAt, pdfUrl, summary };
    items.push({ key, kind, url: pdfUrl ?? pageUrl, ...fields, contentHash: itemContentHash(fields) });
  });
  return items;
}
