import { addDays, clp, decimalPlaces, isIsoDate, roundHalfUp, todayInChile } from './rule-helpers';

describe('rule-helpers', () => {
  it('rounds half away from zero without float noise', () => {
    expect(roundHalfUp(2.5)).toBe(3);
    expect(roundHalfUp(1.005 * 1000)).toBe(1005);
    expect(roundHalfUp(79799.5)).toBe(79800);
    expect(roundHalfUp(-2.5)).toBe(-3);
    expect(roundHalfUp(0.49)).toBe(0);
  });

  it('gives the Chilean date, which lags UTC by 3-4 hours', () => {
    expect(todayInChile(new Date('2026-03-05T02:00:00Z'))).toBe('2026-03-04');
    expect(todayInChile(new Date('2026-03-05T04:00:00Z'))).toBe('2026-03-05');
    expect(todayInChile(new Date('2026-07-05T03:30:00Z'))).toBe('2026-07-04');
  });

  it('validates real calendar dates only', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('05-03-2026')).toBe(false);
    expect(['2024-02-29', '2000-02-29', '2026-12-31', '2026-04-30'].map(isIsoDate)).toEqual([true, true, true, true]);
    expect(['2026-02-29', '1900-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00', '2026-1-05', ' 2026-01-05'].map(isIsoDate)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('answers each instant with its own Chilean date even when asked again with another instant', () => {
    const evening = new Date('2026-03-05T02:00:00Z');
    const morning = new Date('2026-03-05T12:00:00Z');
    expect([todayInChile(evening), todayInChile(morning), todayInChile(evening)]).toEqual(['2026-03-04', '2026-03-05', '2026-03-04']);
  });

  it('formats pesos, adds days and counts decimals', () => {
    expect(clp(499800)).toBe('$499.800');
    expect(clp(119000.5)).toBe('$119.000,5');
    expect(addDays('2026-01-10', 180)).toBe('2026-07-09');
    expect(decimalPlaces(1.25)).toBe(2);
    expect(decimalPlaces(3)).toBe(0);
  });
});
