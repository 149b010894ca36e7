import { Agent, Dispatcher, request } from 'undici';
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
  constructor(
    private readonly provider: ProviderId,
    private readonly baseUrl: string,
    private readonly headers: Record<string, string>,
    private readonly dispatcher: Dispatcher = sharedAgent,
  ) {}

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

  private async exchange(path: string, payload: string, options: WireRequestOptions): Promise<Dispatcher.ResponseData> {
    let response: Dispatcher.ResponseData;
    try {
      response = await request(this.baseUrl + path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...this.headers, ...options.headers },
        body: payload,
        signal: options.signal,
        dispatcher: this.dispatcher,
      });
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

  /** POSTs a JSON body; returns the parsed answer (malformed JSON is a retryable `malformed` failure). */
  async postJson<T>(path: string, payload: string, options: WireRequestOptions): Promise<T> {
    const attempt = this.attempt(options);
    try {
      const response = await this.exchange(path, payload, { ...options, signal: attempt.signal });
      return (await response.body.json()) as T;
    } catch (error) {
      throw toProviderError(error, this.provider, attempt.signal);
    } finally {
      attempt.done();
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
