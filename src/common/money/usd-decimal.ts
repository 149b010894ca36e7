/** Exact decimal arithmetic on money strings (as Postgres returns NUMERIC), by scaled BigInt: never floats.
 * One implementation for the gateway's costs, the chat session totals and the admin reports. */

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/** Money scale of `usage_records.cost_usd` (DECIMAL(20, 12)). */
export const MONEY_SCALE = 12;

/** Parses a plain decimal string ("0.000000375", "-1.5") into an integer of 10^-scale units; throws on rounding or junk. */
export function toScaled(text: string, scale = MONEY_SCALE): bigint {
  const match = DECIMAL.exec(text.trim());
  if (!match) throw new Error(`"${text}" is not a decimal amount`);
  const [, sign, integer, fraction = ''] = match;
  const significant = fraction.replace(/0+$/, '');
  if (significant.length > scale) throw new Error(`"${text}" has more than ${scale} decimals`);
  const units = BigInt(integer + significant.padEnd(scale, '0'));
  return sign === '-' ? -units : units;
}

/** Formats 10^-scale units as a decimal string with exactly `scale` decimals ("0.000000375000"). */
export function fromScaled(units: bigint, scale = MONEY_SCALE): string {
  const negative = units < 0n;
  return withDecimals((negative ? -units : units).toString(), negative, scale);
}

/** fromScaled for a safe integer number of units, without a BigInt to allocate. */
export function fromScaledInteger(units: number, scale = MONEY_SCALE): string {
  if (!Number.isSafeInteger(units)) throw new Error(`${units} is not a safe integer`);
  return withDecimals(String(Math.abs(units)), units < 0, scale);
}

function withDecimals(magnitude: string, negative: boolean, scale: number): string {
  const digits = magnitude.padStart(scale + 1, '0');
  const integer = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale);
  return `${negative ? '-' : ''}${integer}${scale > 0 ? `.${fraction}` : ''}`;
}

/** Sums decimal strings exactly; the result has `scale` decimals. */
export function sumDecimals(values: string[], scale = MONEY_SCALE): string {
  return fromScaled(
    values.reduce((total, value) => total + toScaled(value, scale), 0n),
    scale,
  );
}

/** value × numerator / denominator, rounded half away from zero to `scale` decimals. */
export function scaleDecimal(value: string, numerator: number, denominator: number, scale = MONEY_SCALE): string {
  if (!Number.isInteger(numerator) || !Number.isInteger(denominator) || denominator <= 0) throw new Error('numerator and denominator must be integers, denominator > 0');
  const product = toScaled(value, scale) * BigInt(numerator);
  const divisor = BigInt(denominator);
  const negative = product < 0n;
  const magnitude = negative ? -product : product;
  let quotient = magnitude / divisor;
  if ((magnitude % divisor) * 2n >= divisor) quotient += 1n;
  return fromScaled(negative ? -quotient : quotient, scale);
}

/**
 * Month-end projection: month-to-date × days in month / days elapsed, where today counts as elapsed (UTC),
 * so on the 10th of a 30-day month the projection is three times the month to date.
 */
export function projectMonth(monthToDate: string, now: Date, scale = MONEY_SCALE): string {
  const daysInMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 0)).getUTCDate();
  return scaleDecimal(monthToDate, daysInMonth, now.getUTCDate(), scale);
}
