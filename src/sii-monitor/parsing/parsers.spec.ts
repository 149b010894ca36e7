import { fixtureBytes, fixtureText } from 'test/fixtures/sii/load-fixture';

import { decodePageBody } from './decode-body';
import { parseGenericPage } from './generic-page.parser';
import { parseNewsIndex } from './news.parser';
import { parseNormIndex } from './norm-index.parser';
import { parseSourcePage } from './parse-source-page';

const NEWS_URL = 'https://www.sii.cl/noticias/2026/index.html';
const CIRC_URL = 'https://www.sii.cl/normativa_legislacion/circulares/2026/indcir2026.htm';
const RESO_URL = 'https://www.sii.cl/normativa_legislacion/resoluciones/2026/res_ind2026.htm';
const FE_URL = 'https://www.sii.cl/factura_electronica/normativa.htm';

describe('SII page parsers', () => {
  describe(parseNewsIndex.name, () => {
    it('reads every arrayIndice tuple with decoded titles, ISO dates and absolute item URLs', () => {
      const items = parseNewsIndex(fixtureText('noticias-2026-index.html'), NEWS_URL);
      expect(items.map((item) => item.key)).toEqual(['noticia-150926noti01pcr', 'noticia-280826noti02smn', 'noticia-120826noti01aav']);
      expect(items[0]).toMatchObject({
        kind: 'news',
        title: 'SII informa nuevo plazo para la emisión obligatoria de guías de despacho con datos de transporte',
        publishedAt: '2026-09-15',
        url: 'https://www.sii.cl/noticias/2026/150926noti01pcr.htm',
        pdfUrl: null,
      });
      expect(items[1].title).toBe("Operación Renta: 'balance' del proceso de declaraciones rectificatorias");
    });

    it('returns nothing when the page no longer embeds the array', () => {
      expect(parseNewsIndex(fixtureText('layout-changed.html'), NEWS_URL)).toEqual([]);
    });
  });

  describe(parseNormIndex.name, () => {
    it('reads circular blocks: number, Spanish date, materia and absolute PDF link', () => {
      const items = parseNormIndex(fixtureText('circulares-2026-index.html'), CIRC_URL, 'circulares');
      expect(items.map((item) => item.key)).toEqual(['circular-2026-35', 'circular-2026-34', 'circular-2026-33']);
      expect(items[0]).toEqual(
        expect.objectContaining({
          kind: 'circulares',
          title: 'Circular N° 35 del 31 de Agosto del 2026',
          number: '35',
          publishedAt: '2026-08-31',
          pdfUrl: 'https://www.sii.cl/normativa_legislacion/circulares/2026/circu35.pdf',
          url: 'https://www.sii.cl/normativa_legislacion/circulares/2026/circu35.pdf',
        }),
      );
      expect(items[0].summary).toMatch(/^Imparte instrucciones sobre la obligación de emitir guías de despacho/);
    });

    it('reads a Latin-1 resoluciones index with entities and the "Exenta SII N°" and "Res. Ex." forms', () => {
      const html = decodePageBody(fixtureBytes('resoluciones-2026-index.latin1.htm'), 'text/html');
      const items = parseNormIndex(html, RESO_URL, 'resoluciones');
      expect(items.map((item) => [item.key, item.number, item.publishedAt])).toEqual([
        ['resolucion-2026-128', '128', '2026-09-16'],
        ['resolucion-2026-127', '127', '2026-09-09'],
        ['resolucion-2026-52', '52', null],
      ]);
      expect(items[0].title).toBe('Resolución Exenta SII N° 128 del 16 de Septiembre del 2026');
      expect(items[0].summary).toContain('guías de despacho electrónicas; será obligatorio');
      expect(items[2].summary).toBe('Modifica el Formato DTE versión 2.5 & su anexo técnico.');
    });

    it('gives the same content hashes when only order and banner change', () => {
      const before = parseNormIndex(fixtureText('circulares-2026-index.html'), CIRC_URL, 'circulares');
      const after = parseNormIndex(fixtureText('circulares-2026-index-reordered.html'), CIRC_URL, 'circulares');
      const byKey = (items: typeof before) => Object.fromEntries(items.map((item) => [item.key, item.contentHash]));
      expect(after.map((item) => item.key)).not.toEqual(before.map((item) => item.key));
      expect(byKey(after)).toEqual(byKey(before));
    });

    it('changes an item hash when its materia changes', () => {
      const html = fixtureText('circulares-2026-index.html');
      const before = parseNormIndex(html, CIRC_URL, 'circulares');
      const edited = parseNormIndex(html.replace('registro de compras', 'registro de compras y ventas electrónico'), CIRC_URL, 'circulares');
      expect(edited[2].contentHash).not.toBe(before[2].contentHash);
      expect(edited[0].contentHash).toBe(before[0].contentHash);
    });
  });

  describe(parseGenericPage.name, () => {
    it('hashes content without scripts, navigation or banners, so reordering and banner edits do not count', () => {
      const [before] = parseGenericPage(fixtureText('fe-normativa.html'), FE_URL, 'fe-normativa');
      const [after] = parseGenericPage(fixtureText('fe-normativa-reordered.html'), FE_URL, 'fe-normativa');
      expect(before).toMatchObject({ key: 'pagina-fe-normativa', kind: 'page', title: 'Normativa Factura Electrónica - SII' });
      expect(before.summary).not.toContain('Campaña');
      expect(after.contentHash).toBe(before.contentHash);
    });

    it('changes the hash when a norm is added to the page', () => {
      const [before] = parseGenericPage(fixtureText('fe-normativa.html'), FE_URL, 'fe-normativa');
      const [after] = parseGenericPage(fixtureText('fe-normativa-changed.html'), FE_URL, 'fe-normativa');
      expect(after.contentHash).not.toBe(before.contentHash);
    });
  });

  describe(parseSourcePage.name, () => {
    it('dispatches by source kind', () => {
      const html = fixtureText('circulares-2026-index.html');
      expect(parseSourcePage({ id: 'c', kind: 'circulares' }, html, CIRC_URL)).toHaveLength(3);
      expect(parseSourcePage({ id: 'c', kind: 'page' }, html, CIRC_URL)[0].key).toBe('pagina-c');
    });
  });
});
