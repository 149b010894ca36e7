import { csvHeader, csvLine, csvNumber, csvText } from './csv';

describe('csv', () => {
  describe(csvText.name, () => {
    it('quotes every text cell and doubles inner quotes', () => {
      expect(csvText('openai')).toBe('"openai"');
      expect(csvText('Acme, "Ltda"')).toBe('"Acme, ""Ltda"""');
      expect(csvText('line\nbreak')).toBe('"line\nbreak"');
      expect(csvText(null)).toBe('""');
    });

    it('defuses cells a spreadsheet would evaluate as formulas', () => {
      expect(csvText('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
      expect(csvText('@SUM(A1)')).toBe('"\'@SUM(A1)"');
      expect(csvText('-1+2')).toBe('"\'-1+2"');
    });
  });

  describe(csvNumber.name, () => {
    it('keeps dot decimals and refuses anything else', () => {
      expect(csvNumber('0.000000375000')).toBe('0.000000375000');
      expect(csvNumber(42)).toBe('42');
      expect(csvNumber(10n)).toBe('10');
      expect(() => csvNumber('1,5')).toThrow();
      expect(() => csvNumber(Number.NaN)).toThrow();
    });
  });

  describe(csvLine.name, () => {
    it('ends every line with CRLF, header included', () => {
      expect(csvLine(['"a"', '1'])).toBe('"a",1\r\n');
      expect(csvHeader(['date', 'cost_usd'])).toBe('"date","cost_usd"\r\n');
    });
  });
});
