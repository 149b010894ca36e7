import { createHash } from 'node:crypto';

import type { SiiSourceKind } from '../sources/sii-source';

/** One norm, news item or page snapshot read from an SII page, normalised for storage and diffing. */
export interface SiiParsedItem {
  /** Stable identity across runs: `circular-2026-35`, `resolucion-2026-128`, `noticia-<id>`, `pagina-<sourceId>`. */
  key: string;
  kind: SiiSourceKind;
  title: string;
  number: string | null;
  /** YYYY-MM-DD or null when the page gives no date. */
  publishedAt: string | null;
  /** Absolute URL of the item (or of the page for generic pages). */
  url: string;
  pdfUrl: string | null;
  summary: string;
  /** SHA-256 of the normalised item content: changes only when the item's own text or links change. */
  contentHash: string;
}

/** Hex SHA-256 of a string. */
export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Collapses whitespace (including non-breaking spaces) and trims. */
export function normalizeSpace(text: string): string {
  return text.replace(/[\s\u00a0]+/g, ' ').trim();
}

/** Hashes the fields that define an item's content, so layout, order and surrounding banners never count. */
export function itemContentHash(fields: Pick<SiiParsedItem, 'title' | 'number' | 'publishedAt' | 'pdfUrl' | 'summary'>): string {
  return sha256(JSON.stringify([normalizeSpace(fields.title), fields.number ?? '', fields.publishedAt ?? '', fields.pdfUrl ?? '', normalizeSpace(fields.summary)]));
}
