import { fromScaled, fromScaledInteger, MONEY_SCALE } from 'src/common/money/usd-decimal';
import type { ModelPrices, PriceRates } from '../catalog/model-catalog';
import type { TokenUsage } from '../llm.types';

const parsedPrices = new Map<string, number>();

/** "2.50" USD per million → integer pico-dollars per token (exact for prices with ≤ 6 decimals); catalogs hold few distinct prices. */
function perMillionToPicoPerToken(price: string): number {
  const known = parsedPrices.get(price);
  if (known !== undefined) return known;
  const [whole, fraction = ''] = price.trim().split('.');
  if (!/^\d+$/.test(whole) || !/^\d{0,6}$/.test(fraction)) throw new Error(`Price "${price}" must be a decimal with at most 6 decimals`);
  const parsed = Number(whole + fraction.padEnd(6, '0'));
  if (!Number.isSafeInteger(parsed)) throw new Error(`Price "${price}" is too large`);
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
  const input = perMillionToPicoPerToken(rates.input);
  const output = perMillionToPicoPerToken(rates.output);
  const cacheRead = perMillionToPicoPerToken(rates.cacheRead);
  const cacheWrite = perMillionToPicoPerToken(rates.cacheWrite);
  // Whole token counts and whole rates: every product and partial sum is exact as long as the total is a safe
  // integer (nearly always; a US$9,007 request is not), and BigInt, which allocates at every step, is the fallback.
  const pico = usage.input * input + usage.output * output + usage.cacheRead * cacheRead + usage.cacheWrite * cacheWrite;
  if (Number.isSafeInteger(pico)) return fromScaledInteger(pico, MONEY_SCALE);
  const exact = BigInt(usage.input) * BigInt(input) + BigInt(usage.output) * BigInt(output) + BigInt(usage.cacheRead) * BigInt(cacheRead) + BigInt(usage.cacheWrite) * BigInt(cacheWrite);
  return fromScaled(exact, MONEY_SCALE);
}

/** Estimated worst-case cost before sending (exact decimal text): input estimate plus the maximum output. */
export function estimatedCost(inputTokens: number, maxOutputTokens: number, prices: ModelPrices): string {
  return costOf({ input: inputTokens, output: maxOutputTokens, cacheRead: 0, cacheWrite: 0, reasoning: 0 }, prices);
}
