import type { LlmResult } from 'src/gateway';

/** An answered LlmResult (Anthropic, 1,200 input tokens of which 900 cached, 80 output); `overrides` replace fields. */
export function llmResult(overrides: Partial<LlmResult> = {}): LlmResult {
  return {
    text: 'Emita una nota de crédito.',
    provider: 'anthropic',
    model: 'claude-sonnet-4',
    finishReason: 'stop',
    usage: { input: 1200, output: 80, cacheRead: 900, cacheWrite: 0, reasoning: 0 },
    latencyMs: 420,
    costUsd: '0.004800000000',
    attempts: 1,
    usedFallback: false,
    cached: false,
    requestId: 'r1',
    ...overrides,
  };
}
