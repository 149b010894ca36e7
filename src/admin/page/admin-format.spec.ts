import { dailyCostBars, formatCount, formatMs, formatPercent, formatUsd, latestAlerts, monthToDateRange, stateTone, utilizationLevel } from './admin-format';

describe('admin-format', () => {
  describe(formatUsd.name, () => {
    it.each([
      ['0', '$0.00'],
      ['12', '$12.00'],
      ['1234.5', '$1,234.50'],
      ['1234567.891', '$1,234,567.89'],
      ['0.005', '$0.01'],
      ['0.004999999999', '$0.00'],
      ['9.995', '$10.00'],
      ['999999.999', '$1,000,000.00'],
      ['-3.456', '-$3.46'],
      ['-0.001', '$0.00'],
      ['.5', '$0.50'],
      ['1e-8', '$0.00'],
      ['1.5e3', '$1,500.00'],
      ['00042.10', '$42.10'],
    ])('formats %s as %s', (input, expected) => {
      expect(formatUsd(input)).toBe(expected);
    });

    it('keeps precision that a float would lose', () => {
      expect(formatUsd('12345678901234567.125', 2)).toBe('$12,345,678,901,234,567.13');
      expect(formatUsd('0.000123456789', 6)).toBe('$0.000123');
    });

    it('honours the number of decimals, zero included', () => {
      expect(formatUsd('2.5', 0)).toBe('$3');
      expect(formatUsd('1.23456', 4)).toBe('$1.2346');
    });

    it.each([[''], ['abc'], ['1.2.3'], [null], [undefined], ['.']])('shows a dash for %p', (input) => {
      expect(formatUsd(input)).toBe('—');
    });
  });

  describe(formatPercent.name, () => {
    it('formats ratios with one decimal', () => {
      expect(formatPercent(0.973)).toBe('97.3%');
      expect(formatPercent(1)).toBe('100.0%');
      expect(formatPercent(Number.NaN)).toBe('—');
    });
  });

  describe(formatMs.name, () => {
    it('uses ms below a second and s above', () => {
      expect(formatMs(849.6)).toBe('850 ms');
      expect(formatMs(1250)).toBe('1.25 s');
      expect(formatMs(undefined)).toBe('—');
    });
  });

  describe(formatCount.name, () => {
    it('groups thousands', () => {
      expect(formatCount(1234567)).toBe('1,234,567');
      expect(formatCount(-1000)).toBe('-1,000');
      expect(formatCount(999)).toBe('999');
    });
  });

  describe(utilizationLevel.name, () => {
    it('is ok below 80%, warning below 95%, critical from 95%', () => {
      expect(utilizationLevel(0.79)).toBe('ok');
      expect(utilizationLevel(0.8)).toBe('warning');
      expect(utilizationLevel(0.949)).toBe('warning');
      expect(utilizationLevel(0.95)).toBe('critical');
    });
  });

  describe(stateTone.name, () => {
    it('maps provider and breaker states to tones', () => {
      expect(['healthy', 'closed', 'degraded', 'half-open', 'down', 'open', 'weird'].map(stateTone)).toEqual(['ok', 'ok', 'warn', 'warn', 'bad', 'bad', 'unknown']);
    });
  });

  describe(monthToDateRange.name, () => {
    it('spans from the first of the UTC month to today', () => {
      expect(monthToDateRange(new Date('2026-03-17T23:30:00Z'))).toEqual({ from: '2026-03-01', to: '2026-03-17' });
    });
  });

  describe(latestAlerts.name, () => {
    it('returns the newest 20 first', () => {
      const alerts = Array.from({ length: 25 }, (_, i) => ({ createdAt: `2026-01-${String(i + 1).padStart(2, '0')}T00:00:00Z`, n: i }));
      const latest = latestAlerts(alerts);
      expect(latest).toHaveLength(20);
      expect(latest[0].n).toBe(24);
      expect(latest[19].n).toBe(5);
    });
  });

  describe(dailyCostBars.name, () => {
    it('scales bars to the largest day and labels them with the exact amount', () => {
      const bars = dailyCostBars(
        [
          { date: '2026-01-01', costUsd: '2.5' },
          { date: '2026-01-02', costUsd: '10.004' },
          { date: '2026-01-03', costUsd: '0' },
        ],
        300,
        100,
      );
      expect(bars.map((b) => Math.round(b.height * 100) / 100)).toEqual([24.99, 100, 0]);
      expect(bars[1].y).toBe(0);
      expect(bars[2].y).toBe(100);
      expect(bars[1].label).toBe('2026-01-02: $10.00');
      expect(bars[2].x).toBeGreaterThan(bars[1].x);
    });

    it('draws nothing tall when every day is zero', () => {
      expect(dailyCostBars([{ date: '2026-01-01', costUsd: '0' }], 100, 50)[0].height).toBe(0);
    });
  });
});
