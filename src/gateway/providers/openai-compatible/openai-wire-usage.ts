import type { FinishReason, TokenUsage } from '../../llm.types';

export interface WireUsage {
  prompt_tokens?: number;
  completion_tokens?: number;
  prompt_tokens_details?: { cached_tokens?: number } | null;
  completion_tokens_details?: { reasoning_tokens?: number } | null;
  prompt_cache_hit_tokens?: number;
  prompt_cache_miss_tokens?: number;
}

const FINISH: Record<string, FinishReason> = { stop: 'stop', length: 'length', content_filter: 'content_filter', tool_calls: 'tool_calls', function_call: 'tool_calls' };

export function finishReasonOf(reason: string | null | undefined): FinishReason {
  return (reason && FINISH[reason]) || 'stop';
}

/** Normalizes OpenAI-wire usage: cached input (OpenAI's or DeepSeek's fields) is split from fresh input. */
export function usageFromOpenAi(usage: WireUsage | null | undefined): TokenUsage {
  const prompt = usage?.prompt_tokens ?? 0;
  const cached = usage?.prompt_cache_hit_tokens ?? usage?.prompt_tokens_details?.cached_tokens ?? 0;
  return {
    input: Math.max(0, prompt - cached),
    output: usage?.completion_tokens ?? 0,
    cacheRead: cached,
    cacheWrite: 0,
    reasoning: usage?.completion_tokens_details?.reasoning_tokens ?? 0,
  };
}
