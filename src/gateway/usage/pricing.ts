import { fromScaled, MONEY_SCALE } from 'src/common/money/usd-decimal';
import type { ModelPrices } from '../catalog/model-catalog';
import type { TokenUsage } from '../llm.types';

const parsedPrices = new Map<string, bigint>();

/** "2.50" USD per million → integer pico-dollars per token ×1e6 (exact for prices with ≤ 6 decimals); catalogs hold few distinct prices. */
function perMillionToPicoPerToken(price: string): bigint {
  const known = parsedPrices.get(price);
  if (known !== undefined) return known;
  const [whole, fraction = ''] = price.trim().split('.');
  if (!/^\d+$/.test(whole) || !/^\d{0,6}$/.test(fraction)) throw new Error(`Price "${price}" must be a decimal with at most 6 decimals`);
  const parsed = BigInt(whole + fraction.padEnd(6, '0'));
  if (parsedPrices.size < 10_000) parsedPrices.set(price, parsed);
  return parsed;
}

/**
 * Exact cost of a request from the vendor's own usage fields, per token kind. Reasoning tokens are already
 * part of `output` (vendors bill them as output), so they are not priced twice.
 */
export function costOf(usage: TokenUsage, prices: ModelPrices): string {
  const pico =
    BigInt(usage.input) * perMillionToPicoPerToken(prices.input) +
    BigInt(usage.output) * perMillionToPicoPerToken(prices.output) +
    BigInt(usage.cacheRead) * perMillionToPicoPerToken(prices.cacheRead) +
    BigInt(usage.cacheWrite) * perMillionToPicoPerToken(prices.cacheWrite);
  return fromScaled(pico, MONEY_SCALE);
}

/** Estimated worst-case cost before sending (exact decimal text): input estimate plus the maximum output. */
export function estimatedCost(inputTokens: number, maxOutputTokens: number, prices: ModelPrices): string {
  return costOf({ input: inputTokens, output: maxOutputTokens, cacheRead: 0, cacheWrite: 0, reasoning: 0 }, prices);
}
