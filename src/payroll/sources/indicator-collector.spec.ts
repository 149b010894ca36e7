import { Logger } from '@nestjs/common';

import { sourceFixtureText } from 'test/fixtures/payroll/sources/load-source-fixture';

import { carryForward } from '../indicators/carry-forward';
import { loadShippedIndicators } from '../indicators/shipped-indicators';
import { applyFetched, monthBase } from './apply-fetched';
import { IndicatorCollector } from './indicator-collector';
import { IndicatorRefreshService } from './indicator-refresh.service';
import { PayrollSourceSettings } from './payroll-source.settings';
import { SourcePage, SourcePageFetcher } from './source-page-fetcher';

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

  async get(url: string): Promise<SourcePage> {
    const text = this.pages.get(url);
    if (text === undefined) throw new Error(`network error: ${url}`);
    return { url, text, fetchedAt: '2026-12-04T12:00:00.000Z', sha256: `sha256:${text.length}` };
  }
}

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
    collector = new IndicatorCollector(fetcher as unknown as SourcePageFetcher, settings);
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

  it('checks from the latest stored month (at most a year back), or the last two months, up to the current one', () => {
    expect(IndicatorRefreshService.periodsToCheck(['2026-06', '2026-07'], '2026-12')).toEqual(['2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12']);
    expect(IndicatorRefreshService.periodsToCheck(['2026-12', '2030-01'], '2026-12')).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(IndicatorRefreshService.periodsToCheck(['2020-01'], '2026-12')).toHaveLength(13);
  });
});
