import { fromScaled, fromScaledInteger, projectMonth, scaleDecimal, sumDecimals, toScaled } from './usd-decimal';

describe('decimal', () => {
  describe(toScaled.name, () => {
    it('reads tiny amounts exactly and rejects junk or lost precision', () => {
      expect(toScaled('0.000000375')).toBe(375_000n);
      expect(toScaled('-1.5', 2)).toBe(-150n);
      expect(toScaled('12')).toBe(12_000_000_000_000n);
      expect(() => toScaled('1e-7')).toThrow(/not a decimal/);
      expect(() => toScaled('0.0000000000001')).toThrow(/more than 12 decimals/);
    });
  });

  describe(fromScaled.name, () => {
    it('writes a fixed number of decimals with the sign', () => {
      expect(fromScaled(375_000n)).toBe('0.000000375000');
      expect(fromScaled(-150n, 2)).toBe('-1.50');
      expect(fromScaled(7n, 0)).toBe('7');
    });
  });

  describe(fromScaledInteger.name, () => {
    it('writes a safe integer as fromScaled writes the same BigInt, and refuses what a number cannot hold exactly', () => {
      for (const units of [0, 375_000, -150, 7, 1_000_000_000_000, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER]) {
        expect([units, fromScaledInteger(units)]).toEqual([units, fromScaled(BigInt(units))]);
        expect(fromScaledInteger(units, 2)).toBe(fromScaled(BigInt(units), 2));
      }
      expect(() => fromScaledInteger(Number.MAX_SAFE_INTEGER + 1)).toThrow(/safe integer/);
      expect(() => fromScaledInteger(1.5)).toThrow(/safe integer/);
    });
  });

  describe(sumDecimals.name, () => {
    it('adds where binary floats would drift', () => {
      expect(0.1 + 0.2).not.toBe(0.3);
      expect(sumDecimals(['0.1', '0.2'])).toBe('0.300000000000');
      expect(sumDecimals(['0.000000375', '0.000000125', '1.999999500'])).toBe('2.000000000000');
      expect(sumDecimals([])).toBe('0.000000000000');
    });
  });

  describe(scaleDecimal.name, () => {
    it('rounds half away from zero at the last decimal', () => {
      expect(scaleDecimal('1', 1, 3, 4)).toBe('0.3333');
      expect(scaleDecimal('2', 1, 3, 4)).toBe('0.6667');
      expect(scaleDecimal('-0.0001', 1, 2, 4)).toBe('-0.0001');
      expect(() => scaleDecimal('1', 1, 0)).toThrow();
    });
  });

  describe(projectMonth.name, () => {
    it('extrapolates the month to date over the days elapsed, today included', () => {
      expect(projectMonth('10', new Date('2026-04-10T15:00:00Z'))).toBe('30.000000000000');
      expect(projectMonth('0.000000375', new Date('2024-02-01T00:00:00Z'))).toBe('0.000010875000');
      expect(projectMonth('1', new Date('2026-01-31T23:59:59Z'))).toBe('1.000000000000');
      expect(projectMonth('1', new Date('2026-03-07T00:00:00Z'))).toBe('4.428571428571');
    });
  });
});
