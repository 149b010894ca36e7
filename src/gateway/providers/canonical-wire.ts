import { randomBytes } from 'node:crypto';
import type { ChatCompletionChunk, ChatCompletionMessage } from 'openai/resources/chat/completions';
import type { CompletionUsage } from 'openai/resources/completions';
import type { TokenUsage } from '../llm.types';

/**
 * Helpers shared by the translating mappers (OpenAI Chat Completions ↔ Anthropic Messages ↔ Gemini).
 * The canonical format is OpenAI's; these read its content shapes and build its chunks and usage.
 */

export type FinishReason = ChatCompletionChunk.Choice['finish_reason'] & string;

/** An assistant message or delta as DeepSeek and LiteLLM extend it: the model's visible reasoning. */
export interface ReasoningExtension {
  reasoning_content?: string;
}

/** The assistant message of a canonical completion, with the reasoning extension. */
export type CanonicalMessage = ChatCompletionMessage & ReasoningExtension;

/** Text of a system, developer, tool or assistant content: a string or text parts, concatenated. */
export function contentText(content: string | ReadonlyArray<{ type: string; text?: string; refusal?: string }> | null | undefined): string {
  if (content === null || content === undefined) return '';
  if (typeof content === 'string') return content;
  return content.map((part) => part.text ?? part.refusal ?? '').join('');
}

export interface DataUrl {
  mimeType: string;
  data: string;
}

/** `data:<mime>;base64,<data>` split into its MIME type and base64 payload; undefined for anything else. */
export function parseDataUrl(url: string): DataUrl | undefined {
  const match = /^data:([^;,]+)((?:;[^;,]+)*);base64,(.*)$/s.exec(url);
  if (!match) return undefined;
  return { mimeType: match[1].toLowerCase(), data: match[3] };
}

export function isHttpUrl(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

/** Tool-call arguments as the object Anthropic and Gemini want; undefined when they are not a JSON object. */
export function parseArguments(argumentsJson: string): Record<string, unknown> | undefined {
  if (argumentsJson.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(argumentsJson);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** An id shaped like OpenAI's tool-call ids, for vendors whose calls carry none. */
export function newToolCallId(): string {
  return `call_${randomBytes(12).toString('base64url')}`;
}

/** The gateway's token split as OpenAI reports it: prompt counts every input token, cached ones included. */
export function toCompletionUsage(usage: TokenUsage): CompletionUsage {
  const prompt = usage.input + usage.cacheRead + usage.cacheWrite;
  return {
    prompt_tokens: prompt,
    completion_tokens: usage.output,
    total_tokens: prompt + usage.output,
    prompt_tokens_details: { cached_tokens: usage.cacheRead, ...(usage.cacheWrite ? { cache_write_tokens: usage.cacheWrite } : {}) },
    completion_tokens_details: { reasoning_tokens: usage.reasoning },
  };
}

export interface ChunkIdentity {
  id: string;
  model: string;
  created: number;
}

export type ChunkDelta = ChatCompletionChunk.Choice.Delta & ReasoningExtension;

/** One `chat.completion.chunk` with a single choice, shaped as OpenAI streams it. */
export function chunkOf(identity: ChunkIdentity, delta: ChunkDelta, finishReason: FinishReason | null = null, index = 0): ChatCompletionChunk {
  return {
    id: identity.id,
    object: 'chat.completion.chunk',
    created: identity.created,
    model: identity.model,
    choices: [{ index, delta, logprobs: null, finish_reason: finishReason }],
  };
}
