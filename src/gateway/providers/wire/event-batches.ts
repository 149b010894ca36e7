import type { Dispatcher } from 'undici';
import { CallStop } from './call-stop';
import { ServerSentEventParser } from './server-sent-events';
import type { Abortable } from 'src/common/abort/abortable';

/** Items made but not yet taken at which reading from the vendor pauses (a consumer slower than the vendor). */
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
 * What a stream's events become, read as they arrive (inside undici's data callback, so no promise or generator
 * step stands between the network read and the consumer). Either method may throw: the stream then fails with
 * that error after the items already made, and the vendor call is aborted.
 */
export interface EventReading<T> {
  /** Whether the events come as binary strings, one character per byte (see ServerSentEventParser). */
  readonly binary?: boolean;
  /** The item for the `data` texts of one network read; undefined when they give nothing to hand over. */
  read(events: string[]): T | undefined;
  /** The last item, once the answer is complete; undefined for none. */
  end(): T | undefined;
}

/** Hands each batch of `data` texts over as it is (the reading of a caller that wants the raw events). */
export const RAW_EVENTS: EventReading<string[]> = { read: (events) => events, end: () => undefined };

/**
 * One streamed call through undici's dispatcher, given at once as an iterator of what `reading` makes of the
 * `data` of every server-sent event one network read completed. A packet of twenty events is one hand-over to
 * the consumer, not twenty passes through a Readable and async generators. An error status, a timeout before the
 * headers, a transport failure or an abort (`signal`, the request's) is the iterator's failure, after the items
 * already made; the first `next()` is where a refusal shows. `timeoutMs` covers the wait for the headers.
 */
export function streamEvents<T>(
  dispatcher: Dispatcher,
  options: Dispatcher.DispatchOptions,
  signal: Abortable,
  timeoutMs: number,
  errors: EventCallErrors,
  reading: EventReading<T>,
): AsyncIterableIterator<T> {
  const items = new EventItemQueue<T>();
  if (signal.aborted) {
    items.fail(errors.failed(signal.reason));
    return items;
  }
  const call = new CallStop(signal, timeoutMs, () => errors.timedOut());
  items.onCancel = () => {
    call.settle();
    call.stop(new DOMException('The consumer stopped reading', 'AbortError'));
  };
  /** Hands an item over; false asks undici to pause reading until the consumer catches up. */
  const add = (item: T | undefined): boolean => item === undefined || items.add(item);
  /** A reading that threw: the stream fails after the items already made, and the call ends. */
  const readingFailed = (error: unknown): false => {
    items.fail(error as Error);
    call.settle();
    call.stop(error as Error);
    return false;
  };
  const parser = new ServerSentEventParser(reading.binary === true);
  let refusal: { status: number; rawHeaders: Buffer[]; chunks: Buffer[] } | undefined;
  dispatcher.dispatch(options, {
    onConnect(abort) {
      call.connected(abort);
    },
    onHeaders(status, rawHeaders, resume) {
      call.headersIn();
      if (status >= 400) refusal = { status, rawHeaders, chunks: [] };
      else items.resume = resume;
      return true;
    },
    onData(chunk) {
      if (refusal) {
        refusal.chunks.push(chunk);
        return true;
      }
      const events = parser.push(chunk);
      if (events.length === 0) return true;
      try {
        return add(reading.read(events));
      } catch (error) {
        return readingFailed(error);
      }
    },
    onComplete() {
      call.settle();
      if (refusal) return items.fail(errors.refused(refusal.status, refusal.rawHeaders, Buffer.concat(refusal.chunks).toString('utf8')));
      try {
        const rest = parser.end();
        if (rest.length) add(reading.read(rest));
        add(reading.end());
      } catch (error) {
        return readingFailed(error);
      }
      items.finish();
    },
    onError(error) {
      call.settle();
      items.fail(errors.failed(call.reason ?? error));
    },
  });
  return items;
}

/**
 * A consumer that takes a stream's items as they are made (inside undici's callbacks), instead of asking for each
 * with a promise: each network read's item goes from the vendor's socket to the consumer in one synchronous step.
 */
export interface ItemReceiver<T> {
  item(item: T): void;
  /** The stream ended normally, after its last item. */
  end(): void;
  /** The stream failed, after the items already handed over. */
  fail(error: Error): void;
}

/** A stream whose items can be pushed to a receiver instead of pulled with `next()` (see EventItemQueue). */
export interface PushableItems<T> extends AsyncIterableIterator<T> {
  pushTo(receiver: ItemReceiver<T>): void;
}

export function isPushable<T>(items: AsyncIterator<T>): items is PushableItems<T> {
  return typeof (items as Partial<PushableItems<T>>).pushTo === 'function';
}

/** The items between undici's callbacks and the consumer: pulled by its `for await`, or pushed to it (pushTo). */
class EventItemQueue<T> implements PushableItems<T> {
  resume?: () => void;
  onCancel?: () => void;
  private readonly items: T[] = [];
  private waiting?: { resolve: (result: IteratorResult<T>) => void; reject: (error: unknown) => void };
  private receiver?: ItemReceiver<T>;
  private failure?: Error;
  private ended = false;
  private paused = false;

  /** Hands an item over; false asks undici to pause reading until the consumer catches up. */
  add(item: T): boolean {
    if (this.ended || this.failure) return true;
    if (this.receiver) {
      this.receiver.item(item);
      return true;
    }
    if (this.waiting) {
      const waiting = this.waiting;
      this.waiting = undefined;
      waiting.resolve({ value: item, done: false });
      return true;
    }
    this.items.push(item);
    this.paused = this.items.length >= PAUSE_AT;
    return !this.paused;
  }

  finish(): void {
    if (this.failure || this.ended) return;
    this.ended = true;
    this.waiting?.resolve({ value: undefined, done: true });
    this.waiting = undefined;
    this.receiver?.end();
  }

  /** Fails the stream after the items already made; the first failure counts. */
  fail(error: Error): void {
    if (this.ended || this.failure) return;
    this.failure = error;
    if (this.receiver) {
      this.ended = true;
      this.receiver.fail(error);
      return;
    }
    if (!this.waiting) return;
    this.ended = true;
    this.waiting.reject(error);
    this.waiting = undefined;
  }

  /**
   * From now on, hands every item to `receiver` as it is made, after those made already; then the end or the failure.
   * Reading is never paused for it. Taking the stream this way ends `next()`; `return()` still stops it.
   */
  pushTo(receiver: ItemReceiver<T>): void {
    if (this.receiver || this.waiting) throw new Error('the stream already has a consumer');
    this.receiver = receiver;
    while (this.items.length && this.receiver) receiver.item(this.items.shift() as T);
    if (!this.receiver) return; // the receiver stopped the stream (return()) while taking what was made
    if (this.failure) {
      if (this.ended) return;
      this.ended = true;
      return receiver.fail(this.failure);
    }
    if (this.ended) return receiver.end();
    if (this.paused) {
      this.paused = false;
      this.resume?.();
    }
  }

  next(): Promise<IteratorResult<T>> {
    if (this.items.length) {
      const item = this.items.shift() as T;
      if (this.paused && this.items.length < PAUSE_AT / 2) {
        this.paused = false;
        this.resume?.();
      }
      return Promise.resolve({ value: item, done: false });
    }
    if (this.failure && !this.ended) {
      this.ended = true;
      return Promise.reject(this.failure);
    }
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
  }

  /** The consumer left early (a `break`, a failure above): the vendor call is aborted. */
  return(): Promise<IteratorResult<T>> {
    this.items.length = 0;
    this.receiver = undefined;
    if (!this.ended) {
      this.ended = true;
      this.onCancel?.();
    }
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }
}
