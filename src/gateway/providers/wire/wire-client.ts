import { Agent, Dispatcher } from 'undici';
import type { ProviderId } from '../../llm.types';
import { kindOfStatus, ProviderError, retryAfterMs, toProviderError } from '../provider';
import { CallStop } from './call-stop';
import { type EventReading, RAW_EVENTS, streamEvents } from './event-batches';
import type { Abortable } from 'src/common/abort/abortable';

/**
 * Keep-alive connection pools per vendor origin, shared by every wire client in the process. Without undici's own
 * headers and body timers (300 s each, a timer object per call that lives until undici's next sweep): each call's
 * CallStop times the wait for the headers (LLM_TIMEOUT_MS), and the request's deadline (LLM_REQUEST_DEADLINE_MS)
 * stops a body that stalls.
 */
const sharedAgent = new Agent({ keepAliveTimeout: 30_000, keepAliveMaxTimeout: 120_000, connections: 256, pipelining: 1, headersTimeout: 0, bodyTimeout: 0 });

export interface WireRequestOptions {
  signal: Abortable;
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
  /** The vendor's headers and the JSON content type, built once (undici only reads them). */
  private readonly jsonHeaders: Readonly<Record<string, string>>;

  constructor(
    private readonly provider: ProviderId,
    baseUrl: string,
    headers: Record<string, string>,
    private readonly dispatcher: Dispatcher = sharedAgent,
  ) {
    const url = new URL(baseUrl);
    this.jsonHeaders = { 'content-type': 'application/json', ...headers };
    this.origin = url.origin;
    this.basePath = url.pathname.replace(/\/+$/, '') + url.search;
  }

  private post(path: string, payload: string, options: WireRequestOptions): Dispatcher.DispatchOptions {
    const headers = options.headers ? Object.assign({}, this.jsonHeaders, options.headers) : this.jsonHeaders;
    return { origin: this.origin, path: this.basePath + path, method: 'POST', headers, body: payload };
  }

  /** The error for a vendor's HTTP error answer: its kind by status, Retry-After, and the vendor's own message. */
  private refused(status: number, rawHeaders: Buffer[], body: string): ProviderError {
    return new ProviderError(kindOfStatus(status), `${this.provider} answered HTTP ${status}`, this.provider, status, retryAfterMs(headersOf(rawHeaders)), vendorMessageOf(body, status));
  }

  private timedOut(): ProviderError {
    return new ProviderError('timeout', 'Vendor call timed out', this.provider);
  }

  /**
   * POSTs a JSON body; returns the parsed answer, or what `accept` makes of it and of its text (malformed JSON is a retryable
   * `malformed` failure, and so is whatever `accept` throws that is not a ProviderError already). The answer is
   * collected, parsed and accepted by a dispatch handler: no response stream object and no promise but the one returned.
   */
  postJson<T>(path: string, payload: string, options: WireRequestOptions): Promise<T>;
  postJson<T, R>(path: string, payload: string, options: WireRequestOptions, accept: (answer: T, text: string) => R): Promise<R>;
  postJson<T, R>(path: string, payload: string, options: WireRequestOptions, accept?: (answer: T, text: string) => R): Promise<T | R> {
    return collectAnswer(this.dispatcher, this.post(path, payload, options), options, {
      timedOut: () => this.timedOut(),
      answered: (statusCode, rawHeaders, body) => {
        if (statusCode >= 400) throw this.refused(statusCode, rawHeaders, body);
        const parsed = JSON.parse(body) as T;
        return accept ? accept(parsed, body) : parsed;
      },
      failed: (error) => toProviderError(error, this.provider, options.signal),
    });
  }

  /**
   * POSTs a JSON body and gives its server-sent events' `data` texts in batches (the events of one network read
   * together), or what `reading` makes of each batch as it arrives. Refusals, timeouts before the headers and
   * transport failures become ProviderErrors, in place of the next item (a refusal's at the first `next()`).
   */
  postEvents(path: string, payload: string, options: WireRequestOptions): AsyncIterableIterator<string[]>;
  postEvents<T>(path: string, payload: string, options: WireRequestOptions, reading: EventReading<T>): AsyncIterableIterator<T>;
  postEvents<T>(path: string, payload: string, options: WireRequestOptions, reading?: EventReading<T>): AsyncIterableIterator<T | string[]> {
    return streamEvents<T | string[]>(
      this.dispatcher,
      this.post(path, payload, options),
      options.signal,
      options.timeoutMs,
      {
        timedOut: () => this.timedOut(),
        refused: (status, rawHeaders, body) => this.refused(status, rawHeaders, body),
        failed: (error) => toProviderError(error, this.provider, options.signal),
      },
      reading ?? RAW_EVENTS,
    );
  }
}

/** What a collected answer becomes: the caller's value (or a throw), and the error for every failure. */
interface AnswerHandling<T> {
  timedOut: () => Error;
  answered: (statusCode: number, rawHeaders: Buffer[], body: string) => T;
  failed: (error: unknown) => Error;
}

/**
 * One request through undici's dispatcher with the answer gathered whole and handed to `handling.answered`; its
 * timer or the request's signal stops it at any stage (CallStop).
 */
function collectAnswer<T>(dispatcher: Dispatcher, options: Dispatcher.DispatchOptions, request: WireRequestOptions, handling: AnswerHandling<T>): Promise<T> {
  const { signal, timeoutMs } = request;
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(handling.failed(signal.reason));
    const call = new CallStop(signal, timeoutMs, () => handling.timedOut());
    const chunks: Buffer[] = [];
    let statusCode = 0;
    let rawHeaders: Buffer[] = [];
    dispatcher.dispatch(options, {
      onConnect(abort) {
        call.connected(abort);
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
        call.settle();
        try {
          resolve(handling.answered(statusCode, rawHeaders, chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks).toString('utf8')));
        } catch (error) {
          reject(handling.failed(error));
        }
      },
      onError(error) {
        call.settle();
        reject(handling.failed(call.reason ?? error));
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
