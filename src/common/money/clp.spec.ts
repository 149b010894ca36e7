import { clp } from './clp';

describe(clp.name, () => {
  it('groups thousands with dots and puts the sign before the peso sign', () => {
    expect(clp(1163354)).toBe('$1.163.354');
    expect(clp(-3083)).toBe('-$3.083');
    expect(clp(0)).toBe('$0');
  });

  it('rounds to whole pesos, half away from zero, unless asked to keep the decimals', () => {
    expect(clp(1163354.5)).toBe('$1.163.355');
    expect(clp(-2.5)).toBe('-$3');
    expect(clp(1234.5, { keepDecimals: true })).toBe('$1.234,5');
  });
});
