import type { LlmResult } from '../../llm.types';
import type { ChatCompletion } from '../../providers/provider';
import { indexOfQuoted } from '../../providers/openai-compatible/relayed-chunk';

/** Where the answer came from and what it cost, beside OpenAI's fields (SDKs ignore unknown fields). */
export function gatewayInfo(result: LlmResult) {
  return {
    provider: result.provider,
    model: result.model,
    cost_usd: result.costUsd,
    attempts: result.attempts,
    used_fallback: result.usedFallback,
    cached: result.cached,
    latency_ms: result.latencyMs,
    request_id: result.requestId,
  };
}

/** Response headers with the same facts, for clients that cannot read extra body fields (streams included). */
export function gatewayHeaders(result: Pick<LlmResult, 'provider' | 'model' | 'requestId'>): Record<string, string> {
  return { 'x-gateway-provider': result.provider, 'x-gateway-model': result.model, 'x-gateway-request-id': result.requestId };
}

/** One SSE frame. */
export function frame(data: string): string {
  return `data: ${data}\n\n`;
}

/**
 * The door's answer: the vendor's completion with our model id and `x_gateway`. From the vendor's own text when it
 * allows a safe splice (compact JSON whose one `"model":"…"` is the top-level one, and no `x_gateway` yet): the
 * vendor's bytes pass through as sent (key order, number spelling) and are neither re-serialized nor copied into a
 * new object. Otherwise (pretty-printed JSON, a model named twice, a cached answer) the parsed completion is
 * serialized with the same two fields.
 */
export function completionAnswer(completion: ChatCompletion, result: LlmResult, raw?: string): string {
  const info = gatewayInfo(result);
  const spliced = raw === undefined ? undefined : splicedAnswer(raw, completion.model, result.model, info);
  return spliced ?? JSON.stringify(Object.assign({}, completion, { model: result.model, x_gateway: info }));
}

function splicedAnswer(raw: string, vendorModel: unknown, model: string, info: object): string | undefined {
  if (typeof vendorModel !== 'string' || raw.charCodeAt(0) !== 0x7b || raw.charCodeAt(1) !== 0x22) return undefined; // `{"`: compact
  const field = `"model":${JSON.stringify(vendorModel)}`;
  // Searched by what follows their opening quote (see indexOfQuoted): a search that begins with one stops at every quote.
  const afterQuote = field.slice(1);
  const at = indexOfQuoted(raw, afterQuote);
  if (at < 0 || indexOfQuoted(raw, afterQuote, at + field.length) >= 0 || raw.includes('x_gateway"')) return undefined;
  const close = raw.lastIndexOf('}');
  if (close < at + field.length) return undefined;
  return `${raw.slice(0, at)}"model":${JSON.stringify(model)}${raw.slice(at + field.length, close)},"x_gateway":${JSON.stringify(info)}${raw.slice(close)}`;
}
