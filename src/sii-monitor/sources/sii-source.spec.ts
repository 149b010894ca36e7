import { defaultSources, isSiiSourcesConfigError, parseSourcesConfig, sourcesForRun, SiiSourcesConfigError } from './sii-source';

describe('SII sources', () => {
  describe(defaultSources.name, () => {
    it('builds the yearly index URLs for the given year plus generic pages', () => {
      const sources = defaultSources(2027);
      expect(sources.filter((source) => source.kind !== 'page').map((source) => source.url)).toEqual([
        'https://www.sii.cl/noticias/2027/index.html',
        'https://www.sii.cl/normativa_legislacion/circulares/2027/indcir2027.htm',
        'https://www.sii.cl/normativa_legislacion/resoluciones/2027/res_ind2027.htm',
      ]);
      expect(sources.filter((source) => source.kind === 'page').length).toBeGreaterThanOrEqual(2);
      expect(new Set(sources.map((source) => source.id)).size).toBe(sources.length);
    });
  });

  describe(parseSourcesConfig.name, () => {
    it('reads a valid array and defaults enabled to true', () => {
      const json = JSON.stringify([
        { id: 'circ', url: 'https://www.sii.cl/a.htm', kind: 'circulares' },
        { id: 'fe', url: 'https://www.sii.cl/b.htm', kind: 'page', enabled: false },
      ]);
      expect(parseSourcesConfig(json)).toEqual([
        { id: 'circ', url: 'https://www.sii.cl/a.htm', kind: 'circulares', enabled: true },
        { id: 'fe', url: 'https://www.sii.cl/b.htm', kind: 'page', enabled: false },
      ]);
    });

    it('names every bad entry and field at once', () => {
      const json = JSON.stringify([
        { id: 'Bad Id', url: 'ftp://x', kind: 'rss' },
        { id: 'ok', url: 'https://user:pw@www.sii.cl/', kind: 'news', enabled: 'yes' },
        { id: 'dup', url: 'https://www.sii.cl/', kind: 'news' },
        { id: 'dup', url: 'https://www.sii.cl/', kind: 'news' },
        7,
      ]);
      let caught: unknown;
      try {
        parseSourcesConfig(json);
      } catch (error) {
        caught = error;
      }
      expect(isSiiSourcesConfigError(caught)).toBe(true);
      const problems = (caught as SiiSourcesConfigError).problems;
      expect(problems).toEqual([
        expect.stringContaining('[0].id'),
        expect.stringContaining('[0].url'),
        expect.stringContaining('[0].kind'),
        expect.stringContaining('[1].url'),
        expect.stringContaining('[1].enabled'),
        expect.stringContaining('[3].id "dup" is duplicated'),
        '[4] must be an object',
      ]);
    });

    it('rejects non-JSON and non-arrays', () => {
      expect(() => parseSourcesConfig('{oops')).toThrow(/not valid JSON/);
      expect(() => parseSourcesConfig('{"id":"x"}')).toThrow(/JSON array/);
    });
  });
});

describe(sourcesForRun.name, () => {
  it('fills {YYYY} in configured URLs with the Chilean year and drops disabled sources', () => {
    const configured = parseSourcesConfig(
      JSON.stringify([
        { id: 'circ', url: 'https://www.sii.cl/circulares/{YYYY}/indcir{YYYY}.htm', kind: 'circulares' },
        { id: 'off', url: 'https://www.sii.cl/x.htm', kind: 'page', enabled: false },
      ]),
    );
    // 02:00 UTC on 1 January is still 31 December in Santiago.
    expect(sourcesForRun(configured, new Date('2027-01-01T02:00:00Z'))).toEqual([{ id: 'circ', url: 'https://www.sii.cl/circulares/2026/indcir2026.htm', kind: 'circulares', enabled: true }]);
  });

  it("keeps last year's indexes during January and only then", () => {
    const january = sourcesForRun(null, new Date('2027-01-15T12:00:00Z')).map((source) => source.id);
    expect(january).toEqual(expect.arrayContaining(['circulares-2027', 'circulares-2026', 'resoluciones-2026', 'noticias-2026']));
    const february = sourcesForRun(null, new Date('2027-02-15T12:00:00Z')).map((source) => source.id);
    expect(february).not.toContain('circulares-2026');
    expect(february).toContain('circulares-2027');
  });
});
