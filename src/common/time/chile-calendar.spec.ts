import { chileDate, chileMonth } from './chile-calendar';

describe('chile calendar', () => {
  it('gives the date and month in America/Santiago, across the day and year boundaries and summer time', () => {
    expect(chileDate(new Date('2026-03-05T02:00:00Z'))).toBe('2026-03-04');
    expect(chileDate(new Date('2026-07-05T03:30:00Z'))).toBe('2026-07-04');
    expect(chileMonth(new Date('2027-01-01T02:00:00Z'))).toBe('2026-12');
    expect(chileMonth(new Date('2027-01-01T04:00:00Z'))).toBe('2027-01');
  });

  it('answers each instant with its own date even when asked again with another instant', () => {
    const evening = new Date('2026-03-05T02:00:00Z');
    const morning = new Date('2026-03-05T12:00:00Z');
    expect([chileDate(evening), chileDate(morning), chileDate(evening)]).toEqual(['2026-03-04', '2026-03-05', '2026-03-04']);
  });
});
