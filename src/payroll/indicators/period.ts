import { chileMonth } from 'src/common/time/chile-calendar';

const PERIOD_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** True for a remuneration period written 'YYYY-MM' with a year 2000-2099 and a real month. */
export function isValidPeriod(period: unknown): period is string {
  if (typeof period !== 'string') return false;
  const match = PERIOD_PATTERN.exec(period);
  return match !== null && Number(match[1]) >= 2000 && Number(match[1]) <= 2099;
}

/** Counts whole months from `from` to `to` (negative when `to` is earlier). */
export function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  return (ty - fy) * 12 + (tm - fm);
}

/** Returns the period `months` after `period` (before when negative). */
export function addMonths(period: string, months: number): string {
  const [year, month] = period.split('-').map(Number);
  const index = year * 12 + (month - 1) + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The calendar month of `now` in Chile (America/Santiago), as 'YYYY-MM'. */
export const periodOf = chileMonth;

/** Picks the period to use for `period`: itself if available, else the latest earlier one, else the earliest later one. */
export function nearestPeriod(period: string, available: Iterable<string>): string | null {
  const sorted = [...available].filter(isValidPeriod).sort();
  if (sorted.length === 0) return null;
  if (sorted.includes(period)) return period;
  const earlier = sorted.filter((p) => p < period);
  return earlier.length > 0 ? earlier[earlier.length - 1] : sorted[0];
}
