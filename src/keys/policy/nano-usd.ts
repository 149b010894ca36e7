import { fromScaled, toScaled } from 'src/common/money/usd-decimal';

/** Budgets are counted in Redis in nano-USD (integers; exact in Lua up to 9 million USD). */
const NANO_SCALE = 9;

/** A cost charged to a budget: nano-USD rounded up, so rounding never lets spend slip under a limit. */
export function costToNanos(usd: string): number {
  const picos = toScaled(usd.trim() || '0', 12);
  if (picos <= 0n) return 0;
  return Number((picos + 999n) / 1000n);
}

/** A budget limit (up to 6 decimals) in nano-USD. */
export function limitToNanos(usd: string): number {
  return Number(toScaled(usd, NANO_SCALE));
}

/** nano-USD as exact decimal text with 9 decimals. */
export function nanosToUsd(nanos: number): string {
  return fromScaled(BigInt(Math.round(nanos)), NANO_SCALE);
}
