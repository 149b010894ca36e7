import { Agent, Dispatcher } from 'undici';
import type { ProviderId } from '../../llm.types';
import { kindOfStatus, ProviderError, retryAfterMs, toProviderError } from '../provider';
import { readServerSentEvents } from './server-sent-events';

/** Keep-alive connection pools per vendor origin, shared by every wire client in the process. */
const sharedAgent = new Agent({ keepAliveTimeout: 30_000, keepAliveMaxTimeout: 120_000, connections: 256, pipelining: 1 });

export interface WireRequestOptions {
  signal: AbortSignal;
  timeoutMs: number;
  headers?: Record<string, string>;
}

/** The first line of a vendor's error answer that is safe to log (their `error.message`, else the status). */
function vendorMessageOf(text: string, status: number): string {
  try {
    const parsed = JSON.parse(text) as { error?: { message?: unknown } | string; message?: unknown };
    const message = typeof parsed.error === 'string' ? parsed.error : (parsed.error?.message ?? parsed.message);
    if (typeof message === 'string') return message.slice(0, 500);
  } catch {
    /* not JSON */
  }
  return `HTTP ${status}`;
}

/**
 * A vendor's HTTP API over undici: JSON in, JSON or server-sent events out. It replaces the vendor SDKs'
 * request machinery on the gateway's hot path (header building, a WHATWG stream per answer, debug
 * formatting), which cost about as much CPU per call as the HTTP exchange itself.
 */
export class WireClient {
  private readonly origin: string;
  private readonly basePath: string;

  constructor(
    private readonly provider: ProviderId,
    baseUrl: string,
    private readonly headers: Record<string, string>,
    private readonly dispatcher: Dispatcher = sharedAgent,
  ) {
    const url = new URL(baseUrl);
    this.origin = url.origin;
    this.basePath = url.pathname.replace(/\/+$/, '') + url.search;
  }

  /**
   * One vendor call under its own timer (LLM_TIMEOUT_MS) on top of the request's signal, so a hung attempt
   * ends on time and the next retry or target still has the rest of the deadline. The timer covers a JSON
   * answer whole, and an event stream until its headers (a stream's length is bounded by the deadline).
   */
  private attempt(options: WireRequestOptions): { signal: AbortSignal; stopTimer: () => void; done: () => void } {
    const controller = new AbortController();
    const onAbort = () => controller.abort(options.signal.reason);
    if (options.signal.aborted) onAbort();
    else options.signal.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(() => controller.abort(new DOMException('Vendor call timed out', 'TimeoutError')), options.timeoutMs);
    return {
      signal: controller.signal,
      stopTimer: () => clearTimeout(timer),
      done: () => {
        clearTimeout(timer);
        options.signal.removeEventListener('abort', onAbort);
      },
    };
  }

  private post(path: string, payload: string, options: WireRequestOptions): Dispatcher.DispatchOptions {
    return { origin: this.origin, path: this.basePath + path, method: 'POST', headers: { 'content-type': 'application/json', ...this.headers, ...options.headers }, body: payload };
  }

  private async exchange(path: string, payload: string, options: WireRequestOptions): Promise<Dispatcher.ResponseData> {
    let response: Dispatcher.ResponseData;
    try {
      response = await this.dispatcher.request({ ...this.post(path, payload, options), signal: options.signal });
    } catch (error) {
      throw toProviderError(error, this.provider, options.signal);
    }
    if (response.statusCode >= 400) {
      const text = await response.body.text().catch(() => '');
      const status = response.statusCode;
      const headers = response.headers as Record<string, string | string[] | undefined>;
      throw new ProviderError(kindOfStatus(status), `${this.provider} answered HTTP ${status}`, this.provider, status, retryAfterMs(headers), vendorMessageOf(text, status));
    }
    return response;
  }

  /**
   * POSTs a JSON body; returns the parsed answer (malformed JSON is a retryable `malformed` failure). The answer is
   * collected by a dispatch handler into one string: no response stream object per call.
   */
  async postJson<T>(path: string, payload: string, options: WireRequestOptions): Promise<T> {
    try {
      const answer = await collectAnswer(
        this.dispatcher,
        this.post(path, payload, options),
        options.signal,
        options.timeoutMs,
        () => new ProviderError('timeout', 'Vendor call timed out', this.provider),
      );
      if (answer.statusCode >= 400) {
        const status = answer.statusCode;
        throw new ProviderError(
          kindOfStatus(status),
          `${this.provider} answered HTTP ${status}`,
          this.provider,
          status,
          retryAfterMs(headersOf(answer.rawHeaders)),
          vendorMessageOf(answer.body, status),
        );
      }
      return JSON.parse(answer.body) as T;
    } catch (error) {
      throw toProviderError(error, this.provider, options.signal);
    }
  }

  /** POSTs a JSON body and yields each server-sent event's `data` text; transport failures become ProviderErrors. */
  async *postEvents(path: string, payload: string, options: WireRequestOptions): AsyncIterable<string> {
    const attempt = this.attempt(options);
    let response: Dispatcher.ResponseData;
    try {
      response = await this.exchange(path, payload, { ...options, signal: attempt.signal });
    } catch (error) {
      attempt.done();
      throw error;
    }
    attempt.stopTimer();
    try {
      yield* readServerSentEvents(response.body);
    } catch (error) {
      throw toProviderError(error, this.provider, attempt.signal);
    } finally {
      attempt.done();
      if (!response.body.destroyed) response.body.destroy();
    }
  }
}

interface CollectedAnswer {
  statusCode: number;
  rawHeaders: Buffer[];
  body: string;
}

/**
 * One request through undici's dispatcher with the answer gathered whole, under its own timer (LLM_TIMEOUT_MS:
 * a hung attempt ends on time and the next retry or target keeps the rest of the deadline); `signal` (the
 * request's) aborts it at any stage. No AbortController per attempt.
 */
function collectAnswer(dispatcher: Dispatcher, options: Dispatcher.DispatchOptions, signal: AbortSignal, timeoutMs: number, timedOut: () => Error): Promise<CollectedAnswer> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason as Error);
    let abortRequest: ((reason: Error) => void) | undefined;
    let stopped: Error | undefined;
    const stop = (reason: Error) => {
      stopped ??= reason;
      abortRequest?.(reason);
    };
    const onAbort = () => stop(signal.reason as Error);
    const timer = setTimeout(() => stop(timedOut()), timeoutMs);
    const settle = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    const chunks: Buffer[] = [];
    let statusCode = 0;
    let rawHeaders: Buffer[] = [];
    dispatcher.dispatch(options, {
      onConnect(abort) {
        abortRequest = abort;
        if (stopped) abort(stopped);
      },
      onHeaders(status, headers) {
        statusCode = status;
        rawHeaders = headers;
        return true;
      },
      onData(chunk) {
        chunks.push(chunk);
        return true;
      },
      onComplete() {
        settle();
        resolve({ statusCode, rawHeaders, body: chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks).toString('utf8') });
      },
      onError(error) {
        settle();
        reject(stopped ?? error);
      },
    });
  });
}

/** Header name → value from undici's raw [name, value, …] list (names lower-cased; repeated names keep the last). */
function headersOf(raw: Buffer[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (let i = 0; i + 1 < raw.length; i += 2) headers[raw[i].toString('latin1').toLowerCase()] = raw[i + 1].toString('latin1');
  return headers;
}
