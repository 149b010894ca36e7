import { MAX_RANGE_DAYS, parseDayRange, parseIsoDay, parseReportQuery } from './report-query';

describe('report-query', () => {
  describe(parseIsoDay.name, () => {
    it('accepts real calendar days only', () => {
      expect(parseIsoDay('2024-02-29')?.toISOString()).toBe('2024-02-29T00:00:00.000Z');
      expect(parseIsoDay('2023-02-29')).toBeUndefined();
      expect(parseIsoDay('2024-13-01')).toBeUndefined();
      expect(parseIsoDay('2024-1-01')).toBeUndefined();
      expect(parseIsoDay('01/02/2024')).toBeUndefined();
      expect(parseIsoDay(undefined)).toBeUndefined();
    });
  });

  describe(parseDayRange.name, () => {
    it('turns inclusive days into a half-open UTC range', () => {
      const parsed = parseDayRange({ from: '2024-02-01', to: '2024-02-29' });
      expect(parsed).toEqual({
        ok: true,
        value: { fromDay: '2024-02-01', toDay: '2024-02-29', from: new Date('2024-02-01T00:00:00Z'), toExclusive: new Date('2024-03-01T00:00:00Z') },
      });
    });

    it('names each bad field', () => {
      expect(parseDayRange({ to: '2024-02-30' })).toEqual({
        ok: false,
        problems: [
          { field: 'from', problems: ['must be a calendar date YYYY-MM-DD, got null'] },
          { field: 'to', problems: ['must be a calendar date YYYY-MM-DD, got "2024-02-30"'] },
        ],
      });
      expect(parseDayRange({ from: '2024-03-02', to: '2024-03-01' })).toEqual({ ok: false, problems: [{ field: 'to', problems: ['must not be before from (2024-03-02)'] }] });
    });

    it('refuses ranges longer than the limit', () => {
      const from = new Date('2000-01-01T00:00:00Z');
      const lastAllowed = new Date(from.getTime() + (MAX_RANGE_DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
      const tooFar = new Date(from.getTime() + MAX_RANGE_DAYS * 86_400_000).toISOString().slice(0, 10);
      expect(parseDayRange({ from: '2000-01-01', to: lastAllowed }).ok).toBe(true);
      expect(parseDayRange({ from: '2000-01-01', to: tooFar }).ok).toBe(false);
    });
  });

  describe(parseReportQuery.name, () => {
    it('defaults to daily JSON', () => {
      const parsed = parseReportQuery({ from: '2024-01-01', to: '2024-01-01' });
      expect(parsed.ok && parsed.value).toMatchObject({ groupBy: 'day', format: 'json' });
    });

    it('rejects unknown groupings and formats', () => {
      const parsed = parseReportQuery({ from: '2024-01-01', to: '2024-01-02', groupBy: 'customer', format: 'xlsx' });
      expect(parsed.ok).toBe(false);
      expect(!parsed.ok && parsed.problems.map((p) => p.field)).toEqual(['groupBy', 'format']);
    });
  });
});
