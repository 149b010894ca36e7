import { fixtureText } from 'test/fixtures/sii/load-fixture';

import { parseNormIndex } from '../parsing/norm-index.parser';
import { parseNewsIndex } from '../parsing/news.parser';
import type { SiiParsedItem } from '../parsing/sii-item';
import { diffItems } from './sii-differ';

const CIRC_URL = 'https://www.sii.cl/normativa_legislacion/circulares/2026/indcir2026.htm';
const NEWS_URL = 'https://www.sii.cl/noticias/2026/index.html';
const circulares = (name: string) => parseNormIndex(fixtureText(name), CIRC_URL, 'circulares');
const stored = (items: SiiParsedItem[]) => new Map(items.map((item) => [item.key, item.contentHash]));
const keys = (items: SiiParsedItem[]) => items.map((item) => item.key);

describe(diffItems.name, () => {
  it('treats everything as new on first sight', () => {
    const diff = diffItems(new Map(), circulares('circulares-2026-index.html'));
    expect(keys(diff.newItems)).toEqual(['circular-2026-35', 'circular-2026-34', 'circular-2026-33']);
    expect(diff.changedItems).toEqual([]);
    expect(diff.warnings).toEqual([]);
  });

  it('raises nothing when the page only reorders items and changes its banner', () => {
    const diff = diffItems(stored(circulares('circulares-2026-index.html')), circulares('circulares-2026-index-reordered.html'));
    expect(diff.newItems).toEqual([]);
    expect(diff.changedItems).toEqual([]);
    expect(diff.unchanged).toHaveLength(3);
  });

  it('reports only the added circular as new', () => {
    const diff = diffItems(stored(circulares('circulares-2026-index.html')), circulares('circulares-2026-index-added.html'));
    expect(keys(diff.newItems)).toEqual(['circular-2026-36']);
    expect(diff.changedItems).toEqual([]);
  });

  it('reports only the added news item as new', () => {
    const before = parseNewsIndex(fixtureText('noticias-2026-index.html'), NEWS_URL);
    const after = parseNewsIndex(fixtureText('noticias-2026-index-added.html'), NEWS_URL);
    expect(keys(diffItems(stored(before), after).newItems)).toEqual(['noticia-021026noti01smn']);
  });

  it('reports a known item whose content changed', () => {
    const html = fixtureText('circulares-2026-index.html').replace('registro de compras y ventas', 'registro de compras y ventas (RCV)');
    const diff = diffItems(stored(circulares('circulares-2026-index.html')), parseNormIndex(html, CIRC_URL, 'circulares'));
    expect(keys(diff.changedItems)).toEqual(['circular-2026-33']);
    expect(diff.newItems).toEqual([]);
  });

  it('warns when a 200 page yields no items instead of reporting an empty list as news', () => {
    const diff = diffItems(stored(circulares('circulares-2026-index.html')), circulares('layout-changed.html'));
    expect(diff.warnings).toEqual([expect.stringMatching(/layout may have changed/)]);
    expect(diff.newItems).toEqual([]);
  });

  it('ignores duplicate keys in one parse with a warning', () => {
    const [first] = circulares('circulares-2026-index.html');
    const diff = diffItems(new Map(), [first, { ...first }]);
    expect(diff.newItems).toHaveLength(1);
    expect(diff.warnings).toEqual([`duplicate item key ${first.key} ignored`]);
  });
});
