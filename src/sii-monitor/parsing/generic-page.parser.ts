import { load } from 'src/common/html/cheerio';

import { absoluteUrl } from './html-text';
import { normalizeSpace, sha256, type SiiParsedItem } from './sii-item';

const NOISE = 'script, style, noscript, template, iframe, svg, nav, header, footer, aside, [role=navigation], [role=banner], ' + '[class*=banner], [id*=banner], [class*=menu], [id*=menu]';
const BLOCKS = 'h1, h2, h3, h4, h5, h6, p, li, td, th, dt, dd, pre, blockquote, caption';
const DOCUMENT_LINK = /\.(?:pdf|zip|xsd|docx?|xlsx?)(?:[?#]|$)/i;
const SUMMARY_CHARS = 300;

/**
 * Snapshots a page without its own item list: the text of its content blocks (scripts, styles, navigation and
 * banners stripped) plus its document links, hashed as a sorted set so reordering alone is not a change.
 */
export function parseGenericPage(html: string, pageUrl: string, sourceId: string): SiiParsedItem[] {
  const $ = load(html);
  const title = normalizeSpace($('title').first().text()) || normalizeSpace($('h1').first().text());
  $(NOISE).remove();
  const lines: string[] = [];
  $(BLOCKS).each((_, element) => {
    if ($(element).find(BLOCKS).length > 0) return;
    const text = normalizeSpace($(element).text());
    if (text) lines.push(text);
  });
  if (lines.length === 0) {
    const text = normalizeSpace($('body').text());
    if (text) lines.push(text);
  }
  const links: string[] = [];
  $('a[href]').each((_, anchor) => {
    const href = absoluteUrl($(anchor).attr('href'), pageUrl);
    if (href && DOCUMENT_LINK.test(href)) links.push(`link:${href}`);
  });
  if (lines.length === 0 && links.length === 0) return [];
  const contentHash = sha256(JSON.stringify([...new Set([...lines, ...links])].sort()));
  const summary = normalizeSpace(lines.join(' ')).slice(0, SUMMARY_CHARS);
  return [
    {
      key: `pagina-${sourceId}`,
      kind: 'page',
      title: title || pageUrl,
      number: null,
      publishedAt: null,
      url: pageUrl,
      pdfUrl: null,
      summary,
      contentHash,
    },
  ];
}
