import { loadShippedIndicators } from '../indicators/shipped-indicators';
import { sourceFixtureBytes, sourceFixtureText } from 'test/fixtures/payroll/sources/load-source-fixture';
import { decodePageBody } from 'src/sii-monitor/parsing/decode-body';

import { parseChileanNumber, SourceFormatError } from './chilean-text';
import { parsePreviredPage, previredPeriod } from './previred.parser';
import { parseSiiTaxYear, toUtmBrackets } from './sii-tax.parser';
import { parseSiiUfYear, parseSiiUtmYear } from './sii-values.parser';

describe('Chilean number formats', () => {
  it.each([
    ['39.841,72', 39841.72],
    ['$ 553.553', 553553],
    ['11,44%', 11.44],
    ['2,4% R.I.', 2.4],
    ['90,0 UF', 90],
    ['71.649', 71649],
    ['0,135', 0.135],
  ])('reads %s as %d', (text, value) => expect(parseChileanNumber(text)).toBe(value));

  it.each(['', '\u00a0', '-.-', 'Exento', '-'])('reads %j as no value', (text) => expect(parseChileanNumber(text)).toBeNull());
});

describe('SII UF yearly page', () => {
  const html = decodePageBody(sourceFixtureBytes('uf2026.latin1.htm'), 'text/html; charset=ISO-8859-1');

  it('decodes the ISO-8859-1 page and gives the last day of each month whose last day is published', () => {
    expect(html).toContain('Año 2026');
    const uf = parseSiiUfYear(html, 2026);
    expect(uf.monthEnd.get('2026-03')).toBe(39841.72);
    expect(uf.monthEnd.get('2026-05')).toBe(40610.69);
    expect(uf.monthEnd.get('2026-11')).toBe(41215.33);
    expect(uf.monthEnd.has('2026-12')).toBe(false);
    expect(uf.lastPublished).toBe('2026-12-09');
  });

  it('treats February 29-31 and unpublished &nbsp; days as no value and refuses a page without the table', () => {
    const uf = parseSiiUfYear(html, 2026);
    expect(uf.monthEnd.get('2026-02')).toBe(39790.63);
    expect(() => parseSiiUfYear('<html><body><p>Página en mantención</p></body></html>', 2026)).toThrow(SourceFormatError);
  });
});

describe('SII UTM yearly page', () => {
  it('reads UTM and UTA by month name', () => {
    const months = parseSiiUtmYear(sourceFixtureText('utm2026.latin1.htm'), 2026);
    expect(months.get('2026-03')).toEqual({ utm: 69889, uta: 838668 });
    expect(months.get('2026-12')).toEqual({ utm: 72658, uta: 871896 });
    expect(months.size).toBe(12);
  });

  it('skips a month whose cells are still empty', () => {
    const html = sourceFixtureText('utm2026.latin1.htm').replace(/<tr><th>Diciembre<\/th>.*<\/tr>/, '<tr><th>Diciembre</th><td>&nbsp;</td><td>&nbsp;</td><td></td><td></td><td></td><td></td></tr>');
    expect(parseSiiUtmYear(html, 2026).has('2026-12')).toBe(false);
  });
});

describe('SII impuesto único yearly page', () => {
  const html = sourceFixtureText('impuesto2026.latin1.htm');

  it('reads the eight MENSUAL brackets of each month despite the malformed <th>…</td> cells, ignoring QUINCENAL', () => {
    const months = parseSiiTaxYear(html, 2026);
    const march = months.get('2026-03')!;
    expect(march).toHaveLength(8);
    expect(march[0]).toEqual({ from: 0, to: 943501.5, factor: 0, rebaja: 0 });
    expect(march[7]).toEqual({ from: 21665590.01, to: null, factor: 0.4, rebaja: 2713090.98 });
  });

  it('converts pesos to the UTM brackets of the law with the month UTM', () => {
    const march = parseSiiTaxYear(html, 2026).get('2026-03')!;
    expect(toUtmBrackets(march, 69889)).toEqual(loadShippedIndicators().get('2026-03')!.taxBrackets.value);
  });
});

describe('Previred indicators page', () => {
  const html = decodePageBody(sourceFixtureBytes('previred-2026-11.latin1.htm'));

  it('names the remuneration month, not the payment month', () => {
    expect(previredPeriod('Para Cotizaciones a Pagar en Agosto 2026 (Remuneraciones Julio 2026)')).toBe('2026-07');
    expect(parsePreviredPage(html).period).toBe('2026-11');
  });

  it('reads every table by its heading and every column by its header', () => {
    const month = parsePreviredPage(html);
    expect(month).toMatchObject({
      ufMonthEnd: 41215.33,
      utm: 72513,
      imm: 539000,
      immMenores18Mayores65: 402082,
      immNoRemuneracional: 347434,
      topeAfpSaludUf: 90,
      topeIpsUf: 60,
      topeAfcUf: 135.2,
      apvMonthlyUf: 50,
      apvAnnualUf: 600,
      sisPct: 1.62,
      afpCommissionPct: { capital: 1.44, cuprum: 1.44, habitat: 1.27, modelo: 0.58, planvital: 1.16, provida: 1.45, uno: 0.46 },
      employerReform: { totalPct: 1, cciPct: 0.1, seguroSocialPct: 0.9 },
      afcRates: { indefinido: { employer: 2.4, worker: 0.6 }, plazoFijo: { employer: 3, worker: 0 }, indefinido11Anos: { employer: 0.8, worker: 0 } },
      asignacionFamiliar: [
        { tramo: 'A', amount: 22007, maxIncome: 631976 },
        { tramo: 'B', amount: 13505, maxIncome: 923067 },
        { tramo: 'C', amount: 4267, maxIncome: 1439668 },
        { tramo: 'D', amount: 0, maxIncome: null },
      ],
      healthSplit: { fonasaPct: 2.8, ccafPct: 4.2 },
      problems: [],
    });
  });

  it('finds tables moved around and the AFP columns reordered', () => {
    const tables = html.match(/<table[\s\S]*?<\/table>/g)!;
    const reordered = html
      .replace(tables.join('\n'), [...tables].reverse().join('\n'))
      .replace('<td>Tasa AFP Trabajadores Dependientes</td><td>Cargo del Empleador</td>', '<td>Cargo del Empleador</td><td>Tasa AFP Trabajadores Dependientes</td>')
      .replace(/<tr><td>(Capital|Cuprum|Habitat|PlanVital|ProVida|Modelo|Uno)<\/td><td>([\d,]+%)<\/td><td>0,1%<\/td>/g, '<tr><td>$1</td><td>0,1%</td><td>$2</td>');
    const month = parsePreviredPage(reordered);
    expect(month.afpCommissionPct).toMatchObject({ capital: 1.44, uno: 0.46 });
    expect(month.topeAfpSaludUf).toBe(90);
  });

  it('refuses a page without the period line', () => {
    expect(() => parsePreviredPage('<html><body><table><tr><td>VALOR UF</td></tr></table></body></html>')).toThrow(SourceFormatError);
  });
});
