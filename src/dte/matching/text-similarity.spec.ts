import { containsCode, normalizeText, tokenCoverage, tokenSimilarity } from './text-similarity';

describe('text-similarity', () => {
  it('ignores accents, case, punctuation and simple plurals', () => {
    expect(normalizeText('Cemento Polpaico, 25KG — Ñuñoa')).toBe('cemento polpaico 25 kg nunoa');
    expect(tokenSimilarity('CEMENTOS polpaico', 'cemento Polpaico')).toBe(1);
  });

  it('scores partial overlap between 0 and 1 and unrelated text as 0', () => {
    const partial = tokenSimilarity('Cemento Polpaico 25 kg', 'Cemento Melón 25 kg');
    expect(partial).toBeGreaterThan(0.5);
    expect(partial).toBeLessThan(1);
    expect(tokenSimilarity('Arena gruesa', 'Servicio de flete')).toBe(0);
    expect(tokenSimilarity('', 'x')).toBe(0);
  });

  it('measures coverage of a short name and finds whole-word codes', () => {
    expect(tokenCoverage('Edificio Los Robles', 'Materiales para edificio Los Robles torre B')).toBe(1);
    expect(containsCode('Según OC P00042 del 2 de noviembre', 'p00042')).toBe(true);
    expect(containsCode('Según OC P000421', 'P00042')).toBe(false);
  });
});
