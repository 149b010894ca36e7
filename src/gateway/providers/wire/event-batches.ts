import type { Dispatcher } from 'undici';
import { ServerSentEventParser } from './server-sent-events';
import type { Abortable } from 'src/common/abort/abortable';

/** Batches parsed but not yet taken at which reading from the vendor pauses (a consumer slower than the vendor). */
const PAUSE_AT = 32;

export interface EventCallErrors {
  /** The error for a call whose answer headers did not come within the timeout. */
  timedOut(): Error;
  /** The error for an HTTP error answer, from its status, headers and body text. */
  refused(status: number, rawHeaders: Buffer[], body: string): Error;
  /** Any other failure (transport, abort) as the caller wants to see it. */
  failed(error: unknown): Error;
}

/**
 * One streamed call through undici's dispatcher. Resolves when the answer's headers arrive (an error status, a
 * timeout before then or a transport failure rejects instead), with an iterator of event batches: the `data` of
 * every server-sent event one network read completed, parsed as the bytes arrive. A packet of twenty events is
 * one hand-over to the consumer, not twenty passes through a Readable and the async generators above it.
 * `timeoutMs` covers the wait for the headers; `signal` (the request's) aborts the call at any stage.
 */
export function streamEventBatches(
  dispatcher: Dispatcher,
  options: Dispatcher.DispatchOptions,
  signal: Abortable,
  timeoutMs: number,
  errors: EventCallErrors,
): Promise<AsyncIterableIterator<string[]>> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(errors.failed(signal.reason));
    const batches = new EventBatchQueue();
    let abortRequest: ((reason: Error) => void) | undefined;
    let stopped: Error | undefined;
    let headersIn = false;
    const stop = (reason: Error) => {
      stopped ??= reason;
      abortRequest?.(reason);
    };
    const onAbort = () => stop(signal.reason as Error);
    const timer = setTimeout(() => stop(errors.timedOut()), timeoutMs);
    const settle = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    batches.onCancel = () => {
      settle();
      stop(new DOMException('The consumer stopped reading', 'AbortError'));
    };
    const parser = new ServerSentEventParser();
    let refusal: { status: number; rawHeaders: Buffer[]; chunks: Buffer[] } | undefined;
    dispatcher.dispatch(options, {
      onConnect(abort) {
        abortRequest = abort;
        if (stopped) abort(stopped);
      },
      onHeaders(status, rawHeaders, resume) {
        headersIn = true;
        clearTimeout(timer);
        if (status >= 400) refusal = { status, rawHeaders, chunks: [] };
        else {
          batches.resume = resume;
          resolve(batches);
        }
        return true;
      },
      onData(chunk) {
        if (refusal) {
          refusal.chunks.push(chunk);
          return true;
        }
        return batches.add(parser.push(chunk));
      },
      onComplete() {
        settle();
        if (refusal) return reject(errors.refused(refusal.status, refusal.rawHeaders, Buffer.concat(refusal.chunks).toString('utf8')));
        batches.add(parser.end());
        batches.finish();
      },
      onError(error) {
        settle();
        const failure = errors.failed(stopped ?? error);
        if (headersIn && !refusal) batches.fail(failure);
        else reject(failure);
      },
    });
  });
}

/** The batches between undici's callbacks and the consumer's `for await`. */
class EventBatchQueue implements AsyncIterableIterator<string[]> {
  resume?: () => void;
  onCancel?: () => void;
  private readonly batches: string[][] = [];
  private waiting?: { resolve: (result: IteratorResult<string[]>) => void; reject: (error: unknown) => void };
  private failure?: Error;
  private ended = false;
  private paused = false;

  /** Hands a batch over; false asks undici to pause reading until the consumer catches up. */
  add(events: string[]): boolean {
    if (this.ended || events.length === 0) return true;
    if (this.waiting) {
      const waiting = this.waiting;
      this.waiting = undefined;
      waiting.resolve({ value: events, done: false });
      return true;
    }
    this.batches.push(events);
    this.paused = this.batches.length >= PAUSE_AT;
    return !this.paused;
  }

  finish(): void {
    this.ended = true;
    this.waiting?.resolve({ value: undefined, done: true });
    this.waiting = undefined;
  }

  fail(error: Error): void {
    if (this.ended) return;
    this.failure = error;
    this.waiting?.reject(error);
    this.waiting = undefined;
  }

  next(): Promise<IteratorResult<string[]>> {
    const batch = this.batches.shift();
    if (batch) {
      if (this.paused && this.batches.length < PAUSE_AT / 2) {
        this.paused = false;
        this.resume?.();
      }
      return Promise.resolve({ value: batch, done: false });
    }
    if (this.failure) {
      const failure = this.failure;
      this.failure = undefined;
      this.ended = true;
      return Promise.reject(failure);
    }
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
  }

  /** The consumer left early (a `break`, a failure above): the vendor call is aborted. */
  return(): Promise<IteratorResult<string[]>> {
    if (!this.ended) {
      this.ended = true;
      this.batches.length = 0;
      this.onCancel?.();
    }
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<string[]> {
    return this;
  }
}
