import { Logger } from '@nestjs/common';

import { sourceFixtureText } from 'test/fixtures/payroll/sources/load-source-fixture';

import { carryForward } from '../indicators/carry-forward';
import { loadShippedIndicators } from '../indicators/shipped-indicators';
import { applyFetched, monthBase } from './apply-fetched';
import { IndicatorCollector } from './indicator-collector';
import { IndicatorRefreshService } from './indicator-refresh.service';
import { PayrollSourceSettings } from './payroll-source.settings';
import { PdfTextExtractor } from './pdf-text-extractor';
import { SourceDocument, SourceHttpError, SourcePage, SourcePageFetcher } from './source-page-fetcher';

const BASE = 'http://sources.test';

/** Serves fixture text by URL; anything else fails as a network error would. */
class FixtureFetcher {
  pages = new Map<string, string>([
    [`${BASE}/sii/uf/uf2026.htm`, sourceFixtureText('uf2026.latin1.htm')],
    [`${BASE}/sii/utm/utm2026.htm`, sourceFixtureText('utm2026.latin1.htm')],
    [`${BASE}/sii/impuesto_2da_categoria/impuesto2026.htm`, sourceFixtureText('impuesto2026.latin1.htm')],
    [`${BASE}/previred/`, sourceFixtureText('previred-2026-11.latin1.htm')],
    [`${BASE}/mindicador/uf/2026`, sourceFixtureText('mindicador-uf-2026.json')],
    [`${BASE}/mindicador/utm/2026`, sourceFixtureText('mindicador-utm-2026.json')],
  ]);

  fetched: string[] = [];

  async get(url: string): Promise<SourcePage> {
    this.fetched.push(url);
    const text = this.pages.get(url);
    if (text === undefined) throw new Error(`network error: ${url}`);
    return { url, text, fetchedAt: '2026-12-04T12:00:00.000Z', sha256: `sha256:${text.length}` };
  }

  async getDocument(url: string): Promise<SourceDocument> {
    const { text, ...page } = await this.get(url).catch(() => Promise.reject(new SourceHttpError(404, url)));
    return { ...page, bytes: Buffer.from(text, 'utf8'), contentType: 'application/pdf' };
  }
}

/** Stands in for the PDF library: a fixture "PDF" is `%PDF-` followed by the text the library would extract. */
class FixturePdfText extends PdfTextExtractor {
  async extract(bytes: Uint8Array): Promise<string> {
    const content = Buffer.from(bytes).toString('utf8');
    if (!content.startsWith('%PDF-')) throw new Error('not a PDF');
    return content.slice('%PDF-'.length);
  }
}

const PDF_FOLDER = `${BASE}/wp-content/uploads/2026/11`;
const NOVEMBER_PDF = `${PDF_FOLDER}/Indicadores-Previsionales-Previred-Noviembre-2026.pdf`;

const settings = Object.assign(new PayrollSourceSettings(), {
  siiBaseUrl: `${BASE}/sii`,
  previredUrl: `${BASE}/previred/`,
  secondSource: 'mindicador',
  mindicadorBaseUrl: `${BASE}/mindicador`,
  crossCheckTolerancePct: 0.05,
} as Partial<PayrollSourceSettings>);

describe('IndicatorCollector and applyFetched', () => {
  let fetcher: FixtureFetcher;
  let collector: IndicatorCollector;
  const shipped = loadShippedIndicators();

  beforeAll(() => Logger.overrideLogger(false));
  beforeEach(() => {
    fetcher = new FixtureFetcher();
    collector = new IndicatorCollector(fetcher as unknown as SourcePageFetcher, settings, new FixturePdfText());
  });

  it('reads UF and UTM from SII, cross-checked, the tax table, and the Previred month', async () => {
    const collection = await collector.collect(['2026-11', '2026-12']);
    expect(collection.sources.every((s) => s.ok)).toBe(true);
    const november = collection.values.get('2026-11')!;
    expect(november.find((v) => v.key === 'uf')).toMatchObject({ value: 41215.33, status: 'confirmed', source: 'SII', note: 'contrastado con mindicador', sourceUrl: `${BASE}/sii/uf/uf2026.htm` });
    expect(november.find((v) => v.key === 'sisPct')).toMatchObject({ value: 1.62, source: 'Previred' });
    const december = collection.values.get('2026-12')!;
    expect(december.find((v) => v.key === 'uf')).toBeUndefined();
    expect(december.find((v) => v.key === 'utm')).toMatchObject({ value: 72658 });
    expect(december.find((v) => v.key === 'imm')).toBeUndefined();
  });

  it('refuses a UF the second source disagrees with and says why', async () => {
    fetcher.pages.set(`${BASE}/mindicador/uf/2026`, sourceFixtureText('mindicador-uf-2026.json').replace(/("2026-11-30T03:00:00.000Z",\s*"valor": )41215.33/, '$141300.5'));
    const collection = await collector.collect(['2026-11']);
    expect(collection.refusals).toEqual([{ period: '2026-11', key: 'uf', reason: expect.stringMatching(/^SII 41\.215,33 y mindicador 41\.300,5 difieren 0,2\d* % .*no se aceptó$/) }]);
    expect(collection.values.get('2026-11')!.find((v) => v.key === 'uf')).toMatchObject({ source: 'Previred' });
  });

  it('derives the tax table from the UTM when SII has not published the month, and reports failed sources', async () => {
    fetcher.pages.set(`${BASE}/sii/impuesto_2da_categoria/impuesto2026.htm`, sourceFixtureText('impuesto2026.latin1.htm').replace(/<div class="meses" id="mes_diciembre">[\s\S]*$/, '</body></html>'));
    fetcher.pages.delete(`${BASE}/previred/`);
    const collection = await collector.collect(['2026-12']);
    const tax = collection.values.get('2026-12')!.find((v) => v.key === 'taxBrackets')!;
    expect(tax).toMatchObject({ status: 'derived' });
    expect(tax.value).toBeUndefined();
    expect(collection.sources.find((s) => s.source === 'Previred')).toMatchObject({ ok: false, error: expect.stringContaining('network error') });
    const december = applyFetched(carryForward(shipped.get('2026-07')!, '2026-12'), collection.values.get('2026-12')!).set;
    expect(december.taxBrackets).toMatchObject({ status: 'derived', value: shipped.get('2026-07')!.taxBrackets.value });
    expect(december.utm).toMatchObject({ value: 72658, status: 'confirmed', sourceHash: expect.stringMatching(/^sha256:/) });
    expect(december.imm.status).toBe('carried_forward');
  });

  it('never replaces a value an admin imported, and re-carries values from an upgraded previous month', async () => {
    const november = carryForward(shipped.get('2026-07')!, '2026-11');
    november.sisPct = { ...november.sisPct, value: 1.7, status: 'imported', confirmed: false };
    const collection = await collector.collect(['2026-11']);
    const applied = applyFetched(november, collection.values.get('2026-11')!);
    expect(applied.keptImported).toEqual(['sisPct']);
    expect(applied.set.sisPct.value).toBe(1.7);
    expect(applied.set.imm).toMatchObject({ value: 539000, status: 'confirmed', source: 'Previred' });
    const storedDecember = carryForward(carryForward(shipped.get('2026-07')!, '2026-11'), '2026-12');
    expect(monthBase(storedDecember, applied.set, '2026-12')!.imm).toMatchObject({ status: 'carried_forward', carriedFrom: '2026-11', source: 'Previred' });
  });

  describe('Previred monthly PDF as second source', () => {
    const pdf = `%PDF-${sourceFixtureText('previred-2026-11.pdf.txt')}`;

    it('reads the PDF when the page fails: same values as the page, source "Previred PDF", the PDF URL and its hash', async () => {
      fetcher.pages.delete(`${BASE}/previred/`);
      fetcher.pages.set(NOVEMBER_PDF, pdf);
      const collection = await collector.collect(['2026-11', '2026-12']);
      expect(fetcher.fetched.filter((url) => url.includes('/wp-content/'))).toEqual([
        `${BASE}/wp-content/uploads/2026/12/Indicadores-Previsionales-Previred-Diciembre-2026-V2.pdf`,
        `${BASE}/wp-content/uploads/2026/12/Indicadores-Previsionales-Previred-Diciembre-2026.pdf`,
        `${BASE}/wp-content/uploads/2027/01/Indicadores-Previsionales-Previred-Diciembre-2026-V2.pdf`,
        `${BASE}/wp-content/uploads/2027/01/Indicadores-Previsionales-Previred-Diciembre-2026.pdf`,
        `${PDF_FOLDER}/Indicadores-Previsionales-Previred-Noviembre-2026-V2.pdf`,
        NOVEMBER_PDF,
      ]);
      expect(collection.sources.find((s) => s.source === 'Previred PDF 2026-11')).toEqual({ source: 'Previred PDF 2026-11', url: NOVEMBER_PDF, ok: true, sha256: `sha256:${pdf.length}` });
      expect(collection.sources.find((s) => s.source === 'Previred PDF 2026-12')).toMatchObject({ ok: false, error: expect.stringMatching(/^no PDF at 4 candidate URLs \(last: HTTP 404/) });
      const fromPdf = collection.values.get('2026-11')!.filter((v) => v.source === 'Previred PDF');
      const fromPage = (await new IndicatorCollector(new FixtureFetcher() as unknown as SourcePageFetcher, settings, new FixturePdfText()).collect(['2026-11'])).values
        .get('2026-11')!
        .filter((v) => v.source === 'Previred');
      expect(fromPdf.map((v) => [v.key, v.value])).toEqual(fromPage.map((v) => [v.key, v.value]));
      expect(fromPdf.find((v) => v.key === 'afpCommissionPct')).toMatchObject({ status: 'confirmed', sourceUrl: NOVEMBER_PDF, sourceHash: `sha256:${pdf.length}` });
      const november = applyFetched(carryForward(shipped.get('2026-07')!, '2026-11'), collection.values.get('2026-11')!).set;
      expect(november.sisPct).toMatchObject({ value: 1.62, status: 'confirmed', source: 'Previred PDF', sourceUrl: NOVEMBER_PDF });
      expect(november.healthSplit).toMatchObject({ value: { fonasaPct: 2.8, ccafPct: 4.2 }, source: 'Previred PDF' });
    });

    it('also falls back when the page answers without its tables, and leaves the PDF alone when the page is fine', async () => {
      fetcher.pages.set(`${BASE}/previred/`, '<html><body>Para Cotizaciones a Pagar en Diciembre 2026 (Remuneraciones Noviembre 2026)<table><tr><td>Mantención</td></tr></table></body></html>');
      fetcher.pages.set(NOVEMBER_PDF, pdf);
      expect((await collector.collect(['2026-11'])).values.get('2026-11')!.find((v) => v.key === 'imm')).toMatchObject({ value: 539000, source: 'Previred PDF' });
      fetcher = new FixtureFetcher();
      fetcher.pages.set(NOVEMBER_PDF, pdf);
      await new IndicatorCollector(fetcher as unknown as SourcePageFetcher, settings, new FixturePdfText()).collect(['2026-11']);
      expect(fetcher.fetched.some((url) => url.endsWith('.pdf'))).toBe(false);
    });

    it('reports a PDF it found but could not read, and uses none of its values', async () => {
      fetcher.pages.delete(`${BASE}/previred/`);
      fetcher.pages.set(NOVEMBER_PDF, pdf);
      const unreadable = new (class extends PdfTextExtractor {
        extract(): Promise<string> {
          throw new Error('Invalid PDF structure');
        }
      })();
      const collection = await new IndicatorCollector(fetcher as unknown as SourcePageFetcher, settings, unreadable).collect(['2026-11']);
      expect(collection.sources.find((s) => s.source === 'Previred PDF 2026-11')).toMatchObject({ ok: false, url: NOVEMBER_PDF, error: 'Invalid PDF structure' });
      fetcher.pages.set(NOVEMBER_PDF, `%PDF-${sourceFixtureText('previred-2026-11.pdf.txt').replace('Noviembre 2026)', 'Octubre 2026)')}`);
      const wrongMonth = await collector.collect(['2026-11']);
      expect(wrongMonth.sources.find((s) => s.source === 'Previred PDF 2026-11')).toMatchObject({ ok: false, error: 'PDF format changed: the PDF is about 2026-10, not 2026-11' });
      expect(wrongMonth.values.get('2026-11')!.filter((v) => v.source.startsWith('Previred'))).toEqual([]);
    });
  });

  it('checks from the latest stored month (at most a year back), or the last two months, up to the current one', () => {
    expect(IndicatorRefreshService.periodsToCheck(['2026-06', '2026-07'], '2026-12')).toEqual(['2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12']);
    expect(IndicatorRefreshService.periodsToCheck(['2026-12', '2030-01'], '2026-12')).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(IndicatorRefreshService.periodsToCheck(['2020-01'], '2026-12')).toHaveLength(13);
  });
});
