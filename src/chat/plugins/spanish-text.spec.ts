import { containsPhrase, normalizeSpanish, stemSpanish, stemmedWords } from './spanish-text';

describe(normalizeSpanish.name, () => {
  it('drops accents, case and punctuation', () => {
    expect(normalizeSpanish('¿Cómo ANULO la Facturación, señor?')).toBe('como anulo la facturacion senor');
  });
});

describe(stemSpanish.name, () => {
  it.each([
    ['factura', 'facturas'],
    ['factura', 'facturacion'],
    ['anular', 'anulo'],
    ['liquidacion', 'liquidaciones'],
    ['ajuste', 'ajustes'],
  ])('gives %s and %s the same stem', (a, b) => {
    expect(stemSpanish(a)).toBe(stemSpanish(b));
  });

  it('keeps short words and codes intact', () => {
    expect(['afp', 'sii', 'f29', 'caf'].map(stemSpanish)).toEqual(['afp', 'sii', 'f29', 'caf']);
  });
});

describe(containsPhrase.name, () => {
  it('finds contiguous phrases only', () => {
    const words = stemmedWords('emití una nota de crédito ayer');
    expect(containsPhrase(words, stemmedWords('nota de credito'))).toBe(true);
    expect(containsPhrase(words, stemmedWords('nota credito'))).toBe(false);
  });
});
