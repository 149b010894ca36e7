import type { LlmRequest, LlmResult, LlmStreamEvent } from './llm.types';

/**
 * The one entry point for every AI call (DTE review, chat, payroll, SII analysis, the /v1 front door).
 * Inject it by this class; the gateway module provides the implementation.
 */
export abstract class LlmClient {
  /** Completes a request through limits, breakers, retries and the fallback chain; never hangs past the deadline. */
  abstract complete(request: LlmRequest): Promise<LlmResult>;
  /** Streams a request; falls back only before the first text event, and throws (after any text) on a mid-stream failure. */
  abstract stream(request: LlmRequest): AsyncIterable<LlmStreamEvent>;
  /** True when at least one real vendor is configured (otherwise every answer comes from the offline provider). */
  abstract hasVendors(): boolean;
}
