import type { EmulatorUsage, EmulatorVendor } from '../emulator.types';
import type { CachePrefix } from '../prompt-cache';
import type { PromptFacts } from '../reply-builder';

/** A request reduced to what the emulator needs to answer it. */
export interface ParsedRequest {
  facts: PromptFacts;
  stream: boolean;
  /** OpenAI `stream_options.include_usage`. */
  includeUsage: boolean;
  /** Prefix for implicit caching (everything before the last message). */
  implicitPrefix?: CachePrefix;
  /** Anthropic `cache_control` breakpoints, in prompt order. */
  breakpoints?: CachePrefix[];
  /** DeepSeek also reports `prompt_cache_hit_tokens` / `prompt_cache_miss_tokens`. */
  deepseek: boolean;
}

/** Everything needed to render a successful answer in any wire format. */
export interface Answer {
  id: string;
  created: number;
  model: string;
  text: string;
  chunks: string[];
  truncated: boolean;
  usage: EmulatorUsage;
  request: ParsedRequest;
}

/** Pre-encoded SSE frames: opening events, one frame per text chunk, closing events. */
export interface StreamFrames {
  head: string[];
  deltas: string[];
  tail: string[];
}

/** One vendor's wire format: request parsing, bodies, stream frames and error shape. */
export interface WireFormat {
  vendor: EmulatorVendor;
  /** Throws `BadRequestError` when the body is not a valid request. */
  parse(body: Record<string, unknown>, route: { model?: string; stream?: boolean }): ParsedRequest;
  body(answer: Answer): unknown;
  frames(answer: Answer): StreamFrames;
  errorBody(status: number, message: string): unknown;
  /** A 200 body that is not valid JSON. */
  malformedBody: string;
  /** An SSE frame whose data is not valid JSON. */
  malformedFrame: string;
}

/** The client sent something the vendor would reject with a 400. */
export class BadRequestError extends Error {
  readonly kind = 'bad-request';
}

/** A `data:` SSE frame, optionally named. */
export function sseFrame(data: unknown, event?: string): string {
  const json = typeof data === 'string' ? data : JSON.stringify(data);
  return event ? `event: ${event}\ndata: ${json}\n\n` : `data: ${json}\n\n`;
}
