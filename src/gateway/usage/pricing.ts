import { fromScaled, MONEY_SCALE } from 'src/common/money/usd-decimal';
import type { ModelPrices, PriceRates } from '../catalog/model-catalog';
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

/** The rates a request is charged at: the highest long-prompt tier its prompt (input + cache reads + cache writes) passes, else the model's own. */
export function ratesFor(prices: ModelPrices, promptTokens: number): PriceRates {
  let rates: PriceRates = prices;
  for (const tier of prices.longPrompt ?? []) if (promptTokens > tier.overPromptTokens) rates = tier;
  return rates;
}

/**
 * Exact cost of a request from the vendor's own usage fields, per token kind, at the rates its prompt length
 * selects. Reasoning tokens are already part of `output` (vendors bill them as output), so they are not priced twice.
 */
export function costOf(usage: TokenUsage, prices: ModelPrices): string {
  const rates = prices.longPrompt ? ratesFor(prices, usage.input + usage.cacheRead + usage.cacheWrite) : prices;
  const pico =
    BigInt(usage.input) * perMillionToPicoPerToken(rates.input) +
    BigInt(usage.output) * perMillionToPicoPerToken(rates.output) +
    BigInt(usage.cacheRead) * perMillionToPicoPerToken(rates.cacheRead) +
    BigInt(usage.cacheWrite) * perMillionToPicoPerToken(rates.cacheWrite);
  return fromScaled(pico, MONEY_SCALE);
}

/** Estimated worst-case cost before sending (exact decimal text): input estimate plus the maximum output. */
export function estimatedCost(inputTokens: number, maxOutputTokens: number, prices: ModelPrices): string {
  return costOf({ input: inputTokens, output: maxOutputTokens, cacheRead: 0, cacheWrite: 0, reasoning: 0 }, prices);
}
