/** Exact decimal arithmetic for peso amounts: inputs are scaled to integer micros (BigInt) and rounded half-up once. */

const SCALE = 1_000_000n;
const MAX_SAFE_INPUT = 9e9;

/** Converts a decimal number with at most 6 decimals to integer millionths. */
export function toMicros(value: number): bigint {
  if (!Number.isFinite(value) || Math.abs(value) >= MAX_SAFE_INPUT) {
    throw new RangeError(`Cannot represent ${value} exactly`);
  }
  return BigInt(Math.round(value * 1e6));
}

/** Divides two integers rounding half away from zero (half-up for positive amounts). */
export function divRoundHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError('Denominator must be positive');
  if (numerator < 0n) return -divRoundHalfUp(-numerator, denominator);
  return (2n * numerator + denominator) / (2n * denominator);
}

/** Multiplies decimal factors exactly, divides by an integer divisor and rounds half-up to whole pesos. */
export function productToPesos(factors: readonly number[], divisor = 1): number {
  if (!Number.isInteger(divisor) || divisor <= 0) throw new RangeError('Divisor must be a positive integer');
  let product = 1n;
  let scale = 1n;
  for (const factor of factors) {
    product *= toMicros(factor);
    scale *= SCALE;
  }
  return Number(divRoundHalfUp(product, scale * BigInt(divisor)));
}

/** Returns pct % of an amount in pesos, rounded half-up to whole pesos. */
export function percentOf(pesos: number, pct: number): number {
  return productToPesos([pesos, pct], 100);
}

/** Converts an amount in UF to pesos with the given UF value, rounded half-up. */
export function ufToPesos(uf: number, ufValue: number): number {
  return productToPesos([uf, ufValue]);
}

/** Rounds a peso amount half-up to a whole peso (for amounts that arrive as decimals, e.g. 81434.78). */
export function roundPesos(pesos: number): number {
  return Number(divRoundHalfUp(toMicros(pesos), SCALE));
}

/** Evaluates Σ aᵢ·bᵢ exactly over decimal pairs and rounds half-up to whole pesos. */
export function sumOfProductsToPesos(terms: ReadonlyArray<readonly [number, number]>): number {
  let total = 0n;
  for (const [a, b] of terms) total += toMicros(a) * toMicros(b);
  return Number(divRoundHalfUp(total, SCALE * SCALE));
}
