import { fromScaled, toScaled } from 'src/common/money/usd-decimal';

/** Budgets are counted in Redis in nano-USD (integers; exact in Lua up to 9 million USD). */
const NANO_SCALE = 9;

const PLAIN_DECIMAL = /^(\d+)(?:\.(\d*))?$/;

/**
 * A cost charged to a budget: nano-USD rounded up, so rounding never lets spend slip under a limit. Takes
 * exact decimal text of any length ("0.000123456789012"); a number written in exponent form ("1.5e-7") is
 * read through its 12-decimal rendering. Negative, empty or unreadable amounts count as 0.
 */
export function costToNanos(usd: string | number): number {
  let text = String(usd).trim();
  if (/e/i.test(text)) text = Number.isFinite(Number(text)) && Number(text) > 0 ? Number(text).toFixed(12) : '0';
  const match = PLAIN_DECIMAL.exec(text);
  if (!match) return 0;
  const [, integer, fraction = ''] = match;
  const nanos = BigInt(integer + fraction.slice(0, NANO_SCALE).padEnd(NANO_SCALE, '0'));
  return Number(/[1-9]/.test(fraction.slice(NANO_SCALE)) ? nanos + 1n : nanos);
}

/** A budget limit (up to 6 decimals) in nano-USD. */
export function limitToNanos(usd: string): number {
  return Number(toScaled(usd, NANO_SCALE));
}

/** nano-USD as exact decimal text with 9 decimals. */
export function nanosToUsd(nanos: number): string {
  return fromScaled(BigInt(Math.round(nanos)), NANO_SCALE);
}
