import { divRoundHalfUp, percentOf, productToPesos, roundPesos, toMicros, ufToPesos } from './decimal';

describe('decimal', () => {
  it('rounds exact halves up and everything else to the nearest peso', () => {
    expect(percentOf(1_000_050, 1)).toBe(10_001); // 10000.5 → 10001
    expect(percentOf(1_000_049, 1)).toBe(10_000); // 10000.49 → 10000
    expect(divRoundHalfUp(-5n, 2n)).toBe(-3n);
  });

  it('has no binary floating-point drift where floats do', () => {
    // in floats 1.005 * 100 is 100.49999999999999, so Math.round gives 100 instead of 101
    expect(productToPesos([1.005, 100])).toBe(101);
    expect(percentOf(1_163_354, 10.58)).toBe(123_083);
    expect(roundPesos(81_434.5)).toBe(81_435);
  });

  it('multiplies UF amounts exactly', () => {
    expect(ufToPesos(90, 39_841.72)).toBe(3_585_755); // 3.585.754,80
    expect(ufToPesos(87.8, 39_485.65)).toBe(3_466_840); // the published Sep-2025 tope
  });

  it('refuses values it cannot represent exactly', () => {
    expect(() => toMicros(Number.NaN)).toThrow(RangeError);
    expect(() => toMicros(1e12)).toThrow(RangeError);
    expect(() => productToPesos([1], 0)).toThrow(RangeError);
  });
});
