import type { Abortable } from 'src/common/abort/abortable';

/** The normalized request and result every AI call in the service uses, whatever the vendor. */

export type VendorId = 'anthropic' | 'openai' | 'gemini' | 'groq' | 'deepseek' | 'openai-compatible';
export type ProviderId = VendorId | 'offline';

export interface LlmMessage {
  role: 'user' | 'assistant';
  content: string;
}

/** A block of the system prompt. `cache: true` marks stable text (plugin prompt, knowledge) for prompt caching. */
export interface SystemBlock {
  text: string;
  cache?: boolean;
}

/** What the offline provider answers with when no vendor can: deterministic text from the caller. */
export type OfflineAnswer = (request: LlmRequest) => string;

export interface CallerIdentity {
  apiKeyName: string;
  companyId?: number | null;
}

export interface LlmRequest {
  /** What the call is for, used in cost reports and metrics: `dte.validate`, `chat.message`, `proxy.chat`... */
  operation: string;
  /** A catalog model or alias (`gpt-6-luna`, `claude-sonnet-5-5`; a retired one is answered by its successor), `provider/model` for an explicit route, or omitted for the default. */
  model?: string;
  messages: LlmMessage[];
  system?: SystemBlock[];
  maxTokens?: number;
  temperature?: number;
  /** Ask for a JSON object where the vendor supports it. */
  json?: boolean;
  /** Deterministic answer used by the offline provider, last in every chain. */
  offline?: OfflineAnswer;
  caller: CallerIdentity;
  /** Aborts the upstream call (client disconnected, deadline). */
  signal?: Abortable;
  /** Upper bound for the whole request, retries and fallbacks included. */
  deadlineMs?: number;
  requestId?: string;
  /** Skip the response cache even for deterministic requests. */
  noCache?: boolean;
}

export interface TokenUsage {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
  reasoning: number;
}

export type FinishReason = 'stop' | 'length' | 'content_filter' | 'tool_calls' | 'error' | 'offline';

export interface LlmResult {
  text: string;
  provider: ProviderId;
  model: string;
  finishReason: FinishReason;
  usage: TokenUsage;
  latencyMs: number;
  /** USD, exact decimal as a string (never a float). */
  costUsd: string;
  attempts: number;
  usedFallback: boolean;
  cached: boolean;
  requestId: string;
}

export type LlmStreamEvent = { type: 'start'; provider: ProviderId; model: string } | { type: 'text'; text: string } | { type: 'done'; result: LlmResult };
