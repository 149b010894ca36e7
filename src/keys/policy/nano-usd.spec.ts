import { costToNanos, limitToNanos, nanosToUsd } from './nano-usd';

describe('nano-USD budget amounts', () => {
  it('charges a cost rounded up to the nano-dollar, whatever its number of decimals', () => {
    expect(costToNanos('0.000000375000')).toBe(375);
    expect(costToNanos('0.0000003750001')).toBe(376);
    expect(costToNanos('0.060000000001')).toBe(60_000_001);
    expect(costToNanos('12')).toBe(12_000_000_000);
    expect(costToNanos('1.')).toBe(1_000_000_000);
  });

  it('reads exponent notation and numbers, and counts junk or negative amounts as nothing', () => {
    expect(costToNanos('1.5e-7')).toBe(150);
    expect(costToNanos(0.25)).toBe(250_000_000);
    for (const junk of ['', 'abc', '-1', '-1e-3', 'NaN', 'Infinity']) expect([junk, costToNanos(junk)]).toEqual([junk, 0]);
  });

  it('converts limits exactly and prints spend with 9 decimals', () => {
    expect(limitToNanos('25.500001')).toBe(25_500_001_000);
    expect(nanosToUsd(8_000_000_001)).toBe('8.000000001');
    expect(nanosToUsd(0)).toBe('0.000000000');
  });
});
