import type { ChatCompletion, ChatCompletionChunk, ChatCompletionCreateParams } from 'openai/resources/chat/completions';
import type { CreateEmbeddingResponse, EmbeddingCreateParams } from 'openai/resources/embeddings';
import type { FinishReason, ProviderId, TokenUsage } from '../llm.types';
import type { Abortable } from 'src/common/abort/abortable';

/**
 * The gateway's canonical request: an OpenAI Chat Completions body as the caller (or the LlmClient adapter)
 * wrote it. OpenAI-wire vendors receive it as it is (model replaced); other wires translate it.
 */
export type ChatBody = ChatCompletionCreateParams & Record<string, unknown>;
export type EmbeddingBody = EmbeddingCreateParams & Record<string, unknown>;
export type { ChatCompletion, ChatCompletionChunk, CreateEmbeddingResponse };

/** One call to one vendor model, already routed. */
export interface ProviderCall {
  vendorModel: string;
  signal: Abortable;
  timeoutMs: number;
  promptCaching: boolean;
  /** Drop fields the vendor cannot honour instead of refusing the request (LiteLLM's drop_params). */
  dropUnsupported: boolean;
  /** Deterministic text for the offline provider. */
  offlineText?: () => string;
}

export interface ProviderCompletion {
  completion: ChatCompletion;
  /** The vendor's usage split by kind (the OpenAI shape cannot say cache writes apart). */
  usage: TokenUsage;
  finishReason: FinishReason;
  /** The vendor's own JSON text of `completion`, when the vendor speaks OpenAI's wire (the OpenAI door passes it on). */
  raw?: string;
}

/**
 * One streamed chunk in OpenAI's shape. `raw` is the vendor's own JSON bytes when the vendor speaks that wire, as a
 * binary string (one character per byte; sent on as they came); such a chunk may parse them only when `chunk` is
 * first read, so readers that need less than the whole chunk go through chunkText and isUsageReport.
 */
export interface StreamedChunk {
  readonly chunk: ChatCompletionChunk;
  readonly raw?: string;
  /** The text the chunk adds to the answer, when known without reading `chunk`. */
  readonly text?: string;
  /** That text's length (UTF-16 code units), when known without decoding it. */
  readonly textLength?: number;
  /** False when the chunk is known to report no usage. */
  readonly reportsUsage?: boolean;
  /** Whether the chunk is the stream's usage report, when known without reading `chunk`. */
  readonly usageOnly?: boolean;
}

/** The text a chunk adds to the answer (its first choice's content). */
export function chunkText(item: StreamedChunk): string {
  return item.text ?? item.chunk.choices?.[0]?.delta?.content ?? '';
}

/** The length of the text a chunk adds to the answer, as `chunkText(item).length`. */
export function chunkTextLength(item: StreamedChunk): number {
  return item.textLength ?? chunkText(item).length;
}

/** Whether the chunk is the stream's usage report (no choices, usage set), as OpenAI sends it last. */
export function isUsageReport(item: StreamedChunk): boolean {
  if (item.reportsUsage === false) return false;
  const known = item.usageOnly;
  if (known !== undefined) return known;
  const chunk = item.chunk;
  return chunk.choices?.length === 0 && !!chunk.usage;
}

/**
 * What a provider streams: chunks in batches (those one network read brought), then the end with its usage. The end
 * is the last item and comes once the vendor call is over: the gateway does not close a stream after it.
 */
export type ProviderStreamChunk = { type: 'chunks'; items: StreamedChunk[] } | { type: 'end'; finishReason: FinishReason; usage: TokenUsage };

/** Usage of a call that spent no tokens (offline answer, failed call, vendor stream without a usage report). */
export const NO_USAGE: Readonly<TokenUsage> = { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, reasoning: 0 };

/** A vendor strategy: the gateway owns retries, limits and fallback; a provider only speaks its wire format. */
export interface LlmProvider {
  readonly id: ProviderId;
  /**
   * Refuses, before any call, a request this vendor cannot honour (throws UnsupportedParameterError naming
   * the field), so a fallback chain can skip the target instead of serving the request wrongly.
   */
  check(body: ChatBody, call: Pick<ProviderCall, 'dropUnsupported'>): void;
  complete(body: ChatBody, call: ProviderCall): Promise<ProviderCompletion>;
  stream(body: ChatBody, call: ProviderCall): AsyncIterable<ProviderStreamChunk>;
  /** Embeddings, for vendors that have them. */
  embed?(body: EmbeddingBody, call: ProviderCall): Promise<{ response: CreateEmbeddingResponse; usage: TokenUsage }>;
}

export const PROVIDER_ERROR_KINDS = ['rate_limit', 'timeout', 'server', 'network', 'auth', 'bad_request', 'malformed', 'aborted', 'stream_interrupted'] as const;
export type ProviderErrorKind = (typeof PROVIDER_ERROR_KINDS)[number];

/** A vendor failure, normalized: what kind, which status, and how long the vendor asked us to wait. */
export class ProviderError extends Error {
  readonly isProviderError = true;

  constructor(
    readonly kind: ProviderErrorKind,
    message: string,
    readonly provider: ProviderId,
    readonly status?: number,
    readonly retryAfterMs?: number,
    /** The vendor's own error text: for logs only, never relayed to a caller. */
    readonly vendorMessage?: string,
  ) {
    super(message);
  }
}

export function isProviderError(error: unknown): error is ProviderError {
  return typeof error === 'object' && error !== null && (error as ProviderError).isProviderError === true;
}

/** Transient failures worth retrying: 408, 409, 429, 5xx, timeouts, resets, malformed answers. */
export function isRetryable(error: ProviderError): boolean {
  return error.kind === 'rate_limit' || error.kind === 'timeout' || error.kind === 'server' || error.kind === 'network' || error.kind === 'malformed';
}

/** Failures that say nothing about the vendor's health (the caller's own request, or the caller leaving). */
export function isCallerFault(error: ProviderError): boolean {
  return error.kind === 'bad_request' || error.kind === 'aborted';
}

/** The kind of failure an HTTP status from a vendor means. */
/** How OpenAI and the servers of its wire, Anthropic and Gemini word a prompt longer than the model's context window. */
const CONTEXT_OVERFLOW =
  /maximum context length|context[ _]length|context window|context limit|prompt is too long|input token count \(\d+\) exceeds|exceeds the maximum number of tokens|input is too long/i;

/** Whether a vendor refused a request because its prompt (with the output asked for) does not fit the model's context window. */
export function exceedsContextWindow(error: ProviderError): boolean {
  return error.kind === 'bad_request' && CONTEXT_OVERFLOW.test(error.vendorMessage ?? '');
}

export function kindOfStatus(status: number): ProviderErrorKind {
  if (status === 429) return 'rate_limit';
  if (status === 408 || status === 409) return 'timeout';
  if (status >= 500) return 'server';
  if (status === 401 || status === 403) return 'auth';
  return 'bad_request';
}

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT']);

/**
 * Maps anything thrown during a vendor call to a ProviderError, by type and code (never by message text):
 * our own abort signal first (deadline or caller), then undici's timeout codes, JSON syntax errors, and
 * every other transport failure as a network error.
 */
export function toProviderError(error: unknown, provider: ProviderId, signal?: Abortable): ProviderError {
  if (isProviderError(error)) return error;
  if (signal?.aborted) {
    const timedOut = (signal.reason as { name?: string } | undefined)?.name === 'TimeoutError';
    return new ProviderError(timedOut ? 'timeout' : 'aborted', timedOut ? 'Vendor call timed out' : 'Request aborted', provider);
  }
  const code = (error as { code?: unknown })?.code;
  if (typeof code === 'string' && TIMEOUT_CODES.has(code)) return new ProviderError('timeout', 'Vendor call timed out', provider);
  if (error instanceof SyntaxError) return new ProviderError('malformed', 'Vendor answered with malformed JSON', provider);
  const name = (error as { name?: unknown })?.name;
  if (name === 'AbortError') return new ProviderError('aborted', 'Request aborted', provider);
  return new ProviderError('network', `Could not reach ${provider}${typeof code === 'string' ? ` (${code})` : ''}`, provider);
}

/** Retry-After as seconds or an HTTP date; `retry-after-ms` (OpenAI) when present. */
export function retryAfterMs(headers: Record<string, string | string[] | undefined>, now = Date.now()): number | undefined {
  const ms = Number(headers['retry-after-ms']);
  if (headers['retry-after-ms'] !== undefined && Number.isFinite(ms)) return Math.max(0, ms);
  const value = headers['retry-after'];
  if (typeof value !== 'string' || !value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
