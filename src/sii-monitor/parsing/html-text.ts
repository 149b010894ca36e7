import { load } from 'src/common/html/cheerio';

import { normalizeSpace } from './sii-item';

/** Decodes HTML entities and drops any tags in a fragment, returning collapsed plain text. */
export function htmlToText(fragment: string): string {
  return normalizeSpace(load(fragment, null, false).root().text());
}

/** Resolves a link against the page URL; null when it cannot be resolved to http(s). */
export function absoluteUrl(href: string | undefined | null, pageUrl: string): string | null {
  if (!href) return null;
  try {
    const url = new URL(href.trim(), pageUrl);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}

/** The four-digit year in a yearly index URL (`.../2026/indcir2026.htm`), or null. */
export function yearFromUrl(url: string): number | null {
  const match = /\/((?:19|20)\d{2})\//.exec(url);
  return match ? Number(match[1]) : null;
}
