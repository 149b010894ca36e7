import { charsetFromContentType, decodePageBody } from './decode-body';
import { extractCircularNumber, extractResolutionNumber, numberFromFileName } from './norm-number';
import { findDates, parseSpanishDate } from './spanish-date';

describe('SII text formats', () => {
  describe(parseSpanishDate.name, () => {
    it.each([
      ['Circular N° 35 del 31 de Agosto del 2026', '2026-08-31'],
      ['a contar del 1 de noviembre de 2026', '2026-11-01'],
      ['DEL 23 DE DICIEMBRE DEL 2010', '2010-12-23'],
      ['9 de Setiembre 2026', '2026-09-09'],
      ['publicado el 05/03/2026', '2026-03-05'],
      ['fecha 15-09-2026', '2026-09-15'],
    ])('%s → %s', (text, iso) => {
      expect(parseSpanishDate(text)).toBe(iso);
    });

    it('rejects impossible dates and unknown months', () => {
      expect(parseSpanishDate('31 de Febrero del 2026')).toBeNull();
      expect(parseSpanishDate('3 de Brumario del 2026')).toBeNull();
      expect(parseSpanishDate('32/01/2026')).toBeNull();
    });

    it('finds every date in order without duplicates', () => {
      expect(findDates('desde el 1 de julio de 2026 hasta el 31/12/2026; reitera 1 de julio de 2026')).toEqual(['2026-07-01', '2026-12-31']);
    });
  });

  describe(extractResolutionNumber.name, () => {
    it.each([
      ['Resolución Exenta SII N° 128 del 16 de Septiembre del 2026', '128', 2026],
      ['Res. Ex. N°154/2025', '154', 2025],
      ['Res. Ex. SII N°58/2017', '58', 2017],
      ['Resolución Ex. N° 12 del 2025', '12', 2025],
      ['RESOLUCION EXENTA SII N°189 DEL 23 DE DICIEMBRE DEL 2010', '189', 2010],
      ['Resolución Exenta Nº 44', '44', null],
    ])('%s → N° %s', (text, number, year) => {
      expect(extractResolutionNumber(text)).toEqual({ number, year });
    });

    it('does not read a number from unrelated words', () => {
      expect(extractResolutionNumber('Resumen 12 de la materia')).toBeNull();
    });
  });

  describe(extractCircularNumber.name, () => {
    it('reads "Circular N° 35 del ..." and "Circular 7"', () => {
      expect(extractCircularNumber('Circular N° 35 del 31 de Agosto del 2026')).toEqual({ number: '35', year: 2026 });
      expect(extractCircularNumber('Circular 7')).toEqual({ number: '7', year: null });
      expect(extractCircularNumber('Circulares del año')).toBeNull();
    });
  });

  describe(numberFromFileName.name, () => {
    it('reads digits from SII document file names', () => {
      expect(numberFromFileName('circu35.pdf')).toBe('35');
      expect(numberFromFileName('/x/2026/reso128.pdf?v=1')).toBe('128');
      expect(numberFromFileName('indice.htm')).toBeNull();
    });
  });

  describe(decodePageBody.name, () => {
    const latin1 = Buffer.from('<p>Resolución</p>', 'latin1');

    it('uses Latin-1 when the header says so', () => {
      expect(decodePageBody(latin1, 'text/html; charset=ISO-8859-1')).toBe('<p>Resolución</p>');
    });

    it('uses Latin-1 when only the meta tag says so', () => {
      const bytes = Buffer.from('<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><p>Guía</p>', 'latin1');
      expect(decodePageBody(bytes, 'text/html')).toContain('<p>Guía</p>');
    });

    it('decodes UTF-8 by default and falls back to Latin-1 on invalid UTF-8', () => {
      expect(decodePageBody(Buffer.from('<p>Guía</p>', 'utf8'), null)).toBe('<p>Guía</p>');
      expect(decodePageBody(latin1, null)).toBe('<p>Resolución</p>');
    });

    it('reads the charset parameter of a content type', () => {
      expect(charsetFromContentType('text/html; charset="Windows-1252"')).toBe('windows-1252');
      expect(charsetFromContentType('text/html')).toBeNull();
    });
  });
});
