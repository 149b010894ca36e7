import type { LlmResult, ProviderId } from './llm.types';
import type { StreamedChunk } from './providers/provider';
import type { ChatStreamSink, StreamStart } from './streamed-answer';

export type ChatStreamEvent = { type: 'start'; provider: ProviderId; model: string; requestId: string } | { type: 'chunks'; items: StreamedChunk[] } | { type: 'done'; result: LlmResult };

/**
 * A relayed stream as an async iterator of events (start, chunks, done), for consumers that read with `for await`.
 * The relay starts at the first `next()`, as a generator's body would; leaving early (`return()`, a `break`) stops the
 * vendor call at once, and a failure comes in place of the next event, after those already made.
 */
export class ChatStreamEvents implements AsyncIterableIterator<ChatStreamEvent>, ChatStreamSink {
  private readonly events: ChatStreamEvent[] = [];
  private waiting?: { resolve: (result: IteratorResult<ChatStreamEvent>) => void; reject: (error: unknown) => void };
  private ended = false;
  private failure?: { error: unknown };
  private left = false;
  private leave?: () => void;
  /** The relay, once started: settles after the stream's outcome is recorded and the request is finished. */
  private relaying?: Promise<void>;

  constructor(private readonly relay: (sink: ChatStreamSink) => Promise<void>) {}

  start(start: StreamStart, leave: () => void): void {
    if (this.left) return leave();
    this.leave = leave;
    this.hand({ type: 'start', provider: start.provider, model: start.model, requestId: start.requestId });
  }

  chunks(items: StreamedChunk[]): boolean {
    if (this.left) return false;
    this.hand({ type: 'chunks', items });
    return true;
  }

  done(result: LlmResult): void {
    this.hand({ type: 'done', result });
  }

  next(): Promise<IteratorResult<ChatStreamEvent>> {
    if (!this.relaying) {
      this.relaying = this.relay(this).then(
        () => this.finish(),
        (error: unknown) => this.fail(error),
      );
    }
    const event = this.events.shift();
    if (event) return Promise.resolve({ value: event, done: false });
    if (this.failure) {
      const { error } = this.failure;
      this.failure = undefined;
      this.ended = true;
      return Promise.reject(error);
    }
    if (this.ended || this.left) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
  }

  /**
   * The consumer left: the vendor call stops (at once, or when the stream starts). Settles once what was streamed is
   * recorded and the request is finished, as a generator's `finally` would have run by then.
   */
  return(): Promise<IteratorResult<ChatStreamEvent>> {
    if (!this.left) {
      this.left = true;
      this.events.length = 0;
      this.leave?.();
      const waiting = this.waiting;
      this.waiting = undefined;
      waiting?.resolve({ value: undefined, done: true });
    }
    const done: IteratorResult<ChatStreamEvent> = { value: undefined, done: true };
    return this.relaying ? this.relaying.then(() => done) : Promise.resolve(done);
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<ChatStreamEvent> {
    return this;
  }

  private hand(event: ChatStreamEvent): void {
    if (this.left) return;
    if (!this.waiting) {
      this.events.push(event);
      return;
    }
    const { resolve } = this.waiting;
    this.waiting = undefined;
    resolve({ value: event, done: false });
  }

  private finish(): void {
    this.ended = true;
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.resolve({ value: undefined, done: true });
  }

  private fail(error: unknown): void {
    if (this.left) return;
    if (!this.waiting) {
      this.failure = { error };
      return;
    }
    const { reject } = this.waiting;
    this.waiting = undefined;
    this.ended = true;
    reject(error);
  }
}
