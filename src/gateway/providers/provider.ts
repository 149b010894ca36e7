import type { FinishReason, LlmRequest, ProviderId, TokenUsage } from '../llm.types';

/** One call to one vendor model, already routed. */
export interface ProviderCall {
  vendorModel: string;
  request: LlmRequest;
  signal: AbortSignal;
  timeoutMs: number;
  promptCaching: boolean;
}

export interface ProviderCompletion {
  text: string;
  finishReason: FinishReason;
  usage: TokenUsage;
}

/** Usage of a call that spent no tokens (offline answer, failed call, vendor stream without a usage report). */
export const NO_USAGE: Readonly<TokenUsage> = { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, reasoning: 0 };

export type ProviderStreamChunk = { type: 'text'; text: string } | { type: 'end'; finishReason: FinishReason; usage: TokenUsage };

/** A vendor strategy: the gateway owns retries, limits and fallback; a provider only speaks its wire format. */
export interface LlmProvider {
  readonly id: ProviderId;
  complete(call: ProviderCall): Promise<ProviderCompletion>;
  stream(call: ProviderCall): AsyncIterable<ProviderStreamChunk>;
}

export type ProviderErrorKind = 'rate_limit' | 'timeout' | 'server' | 'network' | 'auth' | 'bad_request' | 'malformed' | 'aborted' | 'stream_interrupted';

/** A vendor failure, normalized: what kind, which status, and how long the vendor asked us to wait. */
export class ProviderError extends Error {
  readonly isProviderError = true;

  constructor(
    readonly kind: ProviderErrorKind,
    message: string,
    readonly provider: ProviderId,
    readonly status?: number,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

export function isProviderError(error: unknown): error is ProviderError {
  return typeof error === 'object' && error !== null && (error as ProviderError).isProviderError === true;
}

/** Transient failures worth retrying: 408, 409, 429, 5xx, timeouts, resets, malformed answers. */
export function isRetryable(error: ProviderError): boolean {
  return ['rate_limit', 'timeout', 'server', 'network', 'malformed'].includes(error.kind);
}

/** Failures that say nothing about the vendor's health (the caller's own request, or the caller leaving). */
export function isCallerFault(error: ProviderError): boolean {
  return error.kind === 'bad_request' || error.kind === 'aborted';
}

function parseRetryAfter(value: string | null | undefined): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function header(headers: unknown, name: string): string | null | undefined {
  if (!headers) return undefined;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name);
  return (headers as Record<string, string>)[name];
}

/** Maps any SDK or network error into a ProviderError. */
export function toProviderError(error: unknown, provider: ProviderId, signal?: AbortSignal): ProviderError {
  if (isProviderError(error)) return error;
  const e = error as { status?: number; code?: number | string; name?: string; message?: string; headers?: unknown; cause?: { code?: string } };
  const message = String(e?.message ?? error).slice(0, 300);
  if (signal?.aborted) {
    const reason = signal.reason as { name?: string } | undefined;
    return new ProviderError(reason?.name === 'TimeoutError' ? 'timeout' : 'aborted', reason?.name === 'TimeoutError' ? 'Vendor call timed out' : 'Request aborted', provider);
  }
  const status = typeof e?.status === 'number' ? e.status : typeof e?.code === 'number' ? e.code : undefined;
  if (status) {
    const retryAfterMs = parseRetryAfter(header(e.headers, 'retry-after')) ?? (parseRetryAfter(header(e.headers, 'retry-after-ms')) !== undefined ? Number(header(e.headers, 'retry-after-ms')) : undefined);
    if (status === 429) return new ProviderError('rate_limit', message, provider, status, retryAfterMs);
    if (status === 408 || status === 409) return new ProviderError('timeout', message, provider, status, retryAfterMs);
    if (status >= 500) return new ProviderError('server', message, provider, status, retryAfterMs);
    if (status === 401 || status === 403) return new ProviderError('auth', message, provider, status);
    return new ProviderError('bad_request', message, provider, status);
  }
  if (e?.name === 'APIConnectionTimeoutError' || /timed? ?out/i.test(message)) return new ProviderError('timeout', message, provider);
  if (e?.name === 'AbortError' || e?.name === 'APIUserAbortError') return new ProviderError('aborted', message, provider);
  if (error instanceof SyntaxError || /JSON|Unexpected token|parse/i.test(message)) return new ProviderError('malformed', message, provider);
  return new ProviderError('network', message, provider);
}

/**
 * Input-token estimate (about 3.5 characters per token) for every vendor, made once per request. It only gates the rate limits and
 * the cost ceiling, and the TPM charge is corrected with the vendor's real usage afterwards; a local
 * tokenizer (js-tiktoken's o200k table) cost about 155 MB and seconds of blocked event loop on first use.
 */
export function approximateTokens(request: LlmRequest): number {
  let chars = 0;
  for (const block of request.system ?? []) chars += block.text.length;
  for (const message of request.messages) chars += message.content.length + 4;
  return Math.ceil(chars / 3.5) + 3;
}
