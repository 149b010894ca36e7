import { sourceFixtureText } from 'test/fixtures/payroll/sources/load-source-fixture';

import { SourceFormatError } from './chilean-text';
import { parsePreviredPdfText } from './previred-pdf.parser';
import { previredPdfUrls } from './previred-pdf-urls';
import { parsePreviredPage } from './previred.parser';

/** Text as a PDF library gives it for Previred's November 2026 PDF: two tables per line, AFP headers wrapped over two lines. */
const pdfText = sourceFixtureText('previred-2026-11.pdf.txt');

describe('Previred monthly PDF text', () => {
  it('reads every indicator the page gives, with the same values, from the text of the PDF', () => {
    const fromPdf = parsePreviredPdfText(pdfText);
    expect(fromPdf).toEqual(parsePreviredPage(sourceFixtureText('previred-2026-11.latin1.htm')));
    expect(fromPdf).toMatchObject({
      period: '2026-11',
      problems: [],
      ufMonthEnd: 41215.33,
      utm: 72513,
      topeAfpSaludUf: 90,
      topeIpsUf: 60,
      topeAfcUf: 135.2,
      imm: 539000,
      apvMonthlyUf: 50,
      apvAnnualUf: 600,
      sisPct: 1.62,
      employerReform: { totalPct: 1, cciPct: 0.1, seguroSocialPct: 0.9 },
      afcRates: { indefinido: { employer: 2.4, worker: 0.6 }, plazoFijo: { employer: 3, worker: 0 }, indefinido11Anos: { employer: 0.8, worker: 0 } },
      healthSplit: { fonasaPct: 2.8, ccafPct: 4.2 },
    });
    expect(fromPdf.afpCommissionPct).toMatchObject({ modelo: 0.58, uno: 0.46, provida: 1.45 });
    expect(fromPdf.asignacionFamiliar!.map((t) => [t.tramo, t.amount, t.maxIncome])).toEqual([
      ['A', 22007, 631976],
      ['B', 13505, 923067],
      ['C', 4267, 1439668],
      ['D', 0, null],
    ]);
  });

  it('reads one table per line too, with the rates in another column order and the SIS as a column', () => {
    const oneColumn = [
      'Para Cotizaciones a Pagar en Agosto 2026 (Remuneraciones Julio 2026)',
      'VALOR UF',
      'Al 31 de Julio del 2026 : $ 40.801,55',
      'TASA COTIZACIÓN OBLIGATORIO AFP',
      'AFP SIS Cargo del Empleador Tasa AFP Trabajadores Dependientes',
      ...['Capital 11,44', 'Cuprum 11,44', 'Habitat 11,27', 'PlanVital 11,16', 'ProVida 11,45', 'Modelo 10,58', 'Uno 10,46'].map((row) => row.replace(/ (\S+)$/, ' 1,62% 0,1% $1%')),
      'SEGURO DE CESANTÍA (AFC)',
      'Contrato Trabajador Empleador',
      'Plazo Indefinido 0,6% R.I. 2,4% R.I.',
      'Plazo Fijo - 3,0% R.I.',
      'Plazo Indefinido 11 años o más - 0,8% R.I.',
    ].join('\n');
    const july = parsePreviredPdfText(oneColumn);
    expect(july).toMatchObject({ period: '2026-07', ufMonthEnd: 40801.55, sisPct: 1.62, employerReform: { cciPct: 0.1 } });
    expect(july.afpCommissionPct).toMatchObject({ capital: 1.44, modelo: 0.58 });
    expect(july.afcRates).toEqual({ indefinido: { employer: 2.4, worker: 0.6 }, plazoFijo: { employer: 3, worker: 0 }, indefinido11Anos: { employer: 0.8, worker: 0 } });
    expect(july.problems).toEqual(['Asignación familiar table unreadable']);
    expect(july.imm).toBeUndefined();
  });

  it('names what it could not read and refuses a text that is not the indicators PDF', () => {
    const damaged = parsePreviredPdfText(pdfText.replace(/^Uno .*$/m, '').replace('FONASA 2,8%', 'FONASA 3,8%'));
    expect(damaged.afpCommissionPct).toBeUndefined();
    expect(damaged.healthSplit).toBeUndefined();
    expect(damaged.problems).toEqual(['AFP table: missing uno', 'CCAF 4.2 % + Fonasa 3.8 % is not the 7 %']);
    expect(damaged.imm).toBe(539000);
    expect(() => parsePreviredPdfText('Boletín mensual\nsin período')).toThrow(SourceFormatError);
    expect(() => parsePreviredPdfText('Remuneraciones Noviembre 2026\nPágina en mantención')).toThrow('Previred PDF: no indicator found in the text');
  });

  it('looks for the PDF in the month’s upload folder, then the next, a corrected -V2 upload first', () => {
    expect(previredPdfUrls('https://www.previred.com/indicadores-previsionales/', '2026-12')).toEqual([
      'https://www.previred.com/wp-content/uploads/2026/12/Indicadores-Previsionales-Previred-Diciembre-2026-V2.pdf',
      'https://www.previred.com/wp-content/uploads/2026/12/Indicadores-Previsionales-Previred-Diciembre-2026.pdf',
      'https://www.previred.com/wp-content/uploads/2027/01/Indicadores-Previsionales-Previred-Diciembre-2026-V2.pdf',
      'https://www.previred.com/wp-content/uploads/2027/01/Indicadores-Previsionales-Previred-Diciembre-2026.pdf',
    ]);
  });
});
