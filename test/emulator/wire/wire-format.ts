import type { EmulatorUsage, EmulatorVendor } from '../emulator.types';
import type { JsonSchema } from '../features/schema-sample';
import type { CachePrefix } from '../prompt-cache';
import type { PromptFacts } from '../reply-builder';

/** A function the caller declared, reduced to its name and parameter schema. */
export interface ToolSpec {
  name: string;
  parameters: JsonSchema;
}

/** Tool choice in neutral terms: `any` is OpenAI `required`, Anthropic `any`/`tool`, Gemini `ANY`. */
export type ToolMode = 'auto' | 'none' | 'any';

/** What a request asks for beyond plain text, in vendor-neutral terms. */
export interface RequestFeatures {
  tools: ToolSpec[];
  toolMode: ToolMode;
  /** The tool the caller forces (OpenAI named choice, Anthropic `tool`, Gemini a single allowed name). */
  forcedTool?: string;
  /** False when the caller disabled parallel tool calls. */
  parallelTools: boolean;
  /** Contents of the tool results carried by the last message, when it is a tool-result turn. */
  toolResults?: string[];
  /** Image parts anywhere in the request. */
  imageCount: number;
  /** Audio parts (OpenAI `input_audio`, Gemini `audio/*` data). */
  audioCount: number;
  /** Document parts (OpenAI `file`, Anthropic `document`, Gemini PDF or text data). */
  documentCount: number;
  /** Structured output schema (OpenAI json_schema, Gemini responseSchema, Anthropic output_config.format). */
  outputSchema?: JsonSchema;
  /** Stop sequences; the answer is cut before the first one found. */
  stop: string[];
  /** OpenAI `n`, Gemini `candidateCount`. */
  candidateCount: number;
  seed?: number;
  /** OpenAI `logprobs: true`: how many alternatives per token (`top_logprobs`, default 0). */
  topLogprobs?: number;
}

/** A request reduced to what the emulator needs to answer it. */
export interface ParsedRequest {
  facts: PromptFacts;
  features: RequestFeatures;
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

/** One generated function call; `fragments` join back to `arguments` (a JSON object text). */
export interface ToolCall {
  id: string;
  name: string;
  arguments: string;
  input: Record<string, unknown>;
  fragments: string[];
}

/** Why a candidate ended, in neutral terms each wire maps to its own names. */
export type FinishKind = 'stop' | 'length' | 'tool_calls' | 'stop_sequence' | 'content_filter';

/** One choice (OpenAI) / candidate (Gemini); Anthropic renders the first. */
export interface Candidate {
  text: string;
  chunks: string[];
  toolCalls: ToolCall[];
  finish: FinishKind;
  /** The stop sequence that ended the text, for `finish: 'stop_sequence'`. */
  stopSequence?: string;
  outputTokens: number;
}

/** Everything needed to render a successful answer in any wire format. */
export interface Answer {
  id: string;
  created: number;
  model: string;
  candidates: Candidate[];
  usage: EmulatorUsage;
  request: ParsedRequest;
}

/** Pre-encoded SSE frames: opening events, one frame per streamed piece, closing events. */
export interface StreamFrames {
  head: string[];
  deltas: string[];
  tail: string[];
}

/** What the path tells about a request: Gemini's model and streaming, and whether an OpenAI-wire call is Groq's. */
export interface RouteHints {
  model?: string;
  stream?: boolean;
  /** A path under `/openai/v1/`, Groq's base URL: Groq's documented refusals apply. */
  groq?: boolean;
}

/** One vendor's wire format: request parsing, bodies, stream frames and error shape. */
export interface WireFormat {
  vendor: EmulatorVendor;
  /** Throws `BadRequestError` when the body is not a valid request. */
  parse(body: Record<string, unknown>, route: RouteHints): ParsedRequest;
  body(answer: Answer): unknown;
  frames(answer: Answer): StreamFrames;
  errorBody(status: number, message: string, param?: string): unknown;
  /** The vendor's own 400 body for a prompt longer than the model's context window. */
  contextErrorBody(promptTokens: number, contextWindow: number): unknown;
  /** A 200 body that is not valid JSON. */
  malformedBody: string;
  /** An SSE frame whose data is not valid JSON. */
  malformedFrame: string;
}

/** The client sent something the vendor would reject with a 400; `param` names the field (OpenAI's `error.param`). */
export class BadRequestError extends Error {
  readonly kind = 'bad-request';

  constructor(
    message: string,
    readonly param?: string,
  ) {
    super(message);
  }
}

/** Media parts counted in one message or content. */
export interface MediaCounts {
  images: number;
  audios: number;
  documents: number;
}

/** Adds `b` into `a`. */
export function addMedia(a: MediaCounts, b: MediaCounts): void {
  a.images += b.images;
  a.audios += b.audios;
  a.documents += b.documents;
}

/** A `data:` SSE frame, optionally named. */
export function sseFrame(data: unknown, event?: string): string {
  const json = typeof data === 'string' ? data : JSON.stringify(data);
  return event ? `event: ${event}\ndata: ${json}\n\n` : `data: ${json}\n\n`;
}
