/** The calendar date in Chile (America/Santiago), which decides DTE dates, payroll periods and the SII year. */

// Building an Intl formatter costs far more than using one: build it once.
const CHILE_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Santiago', year: 'numeric', month: '2-digit', day: '2-digit' });

let lastInstant = Number.NaN;
let lastDate = '';

/** The date (`YYYY-MM-DD`) in Chile at `now`; callers in one request ask for the same instant, so the last answer is kept. */
export function chileDate(now: Date): string {
  const instant = now.getTime();
  if (instant !== lastInstant) {
    lastDate = CHILE_DATE.format(now);
    lastInstant = instant;
  }
  return lastDate;
}

/** The month (`YYYY-MM`) in Chile at `now`. */
export function chileMonth(now: Date): string {
  return chileDate(now).slice(0, 7);
}
