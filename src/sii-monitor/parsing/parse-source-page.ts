import type { SiiSource } from '../sources/sii-source';
import { parseGenericPage } from './generic-page.parser';
import { parseNewsIndex } from './news.parser';
import { parseNormIndex } from './norm-index.parser';
import type { SiiParsedItem } from './sii-item';

/** Parses a fetched page with the parser for its source kind. */
export function parseSourcePage(source: Pick<SiiSource, 'id' | 'kind'>, html: string, pageUrl: string): SiiParsedItem[] {
  switch (source.kind) {
    case 'news':
      return parseNewsIndex(html, pageUrl);
    case 'circulares':
    case 'resoluciones':
      return parseNormIndex(html, pageUrl, source.kind);
    case 'page':
      return parseGenericPage(html, pageUrl, source.id);
  }
}
