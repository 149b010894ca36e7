import type { LlmResult } from '../../llm.types';

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
