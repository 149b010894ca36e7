import type { FinishReason, LlmResult, ProviderId, TokenUsage } from './llm.types';
import { chunkText, chunkTextLength, ProviderError, type ProviderStreamChunk, type StreamedChunk } from './providers/provider';
import { isPushable, type ItemReceiver } from './providers/wire/event-batches';
import type { RequestRun } from './request-run';
import type { RouteTarget } from './routing/router';

/** The target a stream is committed to, once its first chunk has come. */
export interface StreamStart {
  provider: ProviderId;
  model: string;
  requestId: string;
}

/**
 * Where a streamed answer goes, called as the vendor's chunks arrive (inside the network callbacks when the provider
 * can push them): no promise or generator step per chunk. A method that throws ends the stream as a departure: the
 * vendor call stops, what was streamed is recorded, and the relay fails with that error.
 */
export interface ChatStreamSink {
  /**
   * False when done() does not read `result.text` (a door relays the chunks as they come): the answer's text is then
   * only counted, for the usage row of a stream that stops early, not kept.
   */
  readonly keepsText?: boolean;
  /**
   * The first chunk is in: the stream is committed to this target (no fallback from here on). `leave` stops it at any
   * time later, as a consumer gone (for one that does not wait for the next chunk to say so).
   */
  start(start: StreamStart, leave: () => void): void;
  /** The chunks of one network read; false when the consumer is gone (its client left). */
  chunks(items: StreamedChunk[]): boolean;
  /** The answer is complete, with its usage and cost recorded. */
  done(result: LlmResult): void;
}

/** What the gateway does when a stream completes, fails, or is left by its consumer (usage row, target health, charge). */
export interface StreamOutcomes {
  completed(run: RequestRun, target: RouteTarget, text: string, finishReason: FinishReason, usage: TokenUsage): LlmResult;
  /** Records a failure after `characters` of text; gives the error the relay ends with. */
  failed(run: RequestRun, target: RouteTarget, error: unknown, characters: number, partial: TokenUsage): Promise<Error>;
  deserted(run: RequestRun, target: RouteTarget, partial: TokenUsage): void;
}

/**
 * One streamed answer from the target that produced its first chunk to its end: hands each chunk to the sink as it
 * arrives, keeps the text for the usage row, and settles the stream exactly once, as completed, failed or deserted.
 */
export class StreamedAnswer implements ItemReceiver<ProviderStreamChunk> {
  /** The answer's text so far, when the sink reads it; its length in either case. */
  private text = '';
  private characters = 0;
  private readonly keepsText: boolean;
  private settled = false;
  private resolve!: () => void;
  private reject!: (error: unknown) => void;
  private readonly finished = new Promise<void>((resolve, reject) => {
    this.resolve = resolve;
    this.reject = reject;
  });

  constructor(
    private readonly run: RequestRun,
    private readonly target: RouteTarget,
    private readonly items: AsyncIterator<ProviderStreamChunk>,
    private readonly sink: ChatStreamSink,
    private readonly outcomes: StreamOutcomes,
  ) {
    this.keepsText = sink.keepsText !== false;
  }

  /**
   * Starts the sink, takes the first step (already read), then the rest: pushed by the provider's stream when it can,
   * else pulled. Settles when the answer is complete or the consumer left; rejects with the failure otherwise.
   */
  relay(first: IteratorResult<ProviderStreamChunk>): Promise<void> {
    try {
      this.sink.start({ provider: this.target.provider, model: this.target.model, requestId: this.run.id }, () => {
        if (!this.settled) this.desert();
      });
    } catch (error) {
      this.desert(error);
      return this.finished;
    }
    if (first.done) this.end();
    else this.item(first.value);
    if (!this.settled) {
      if (isPushable(this.items)) this.items.pushTo(this);
      else void this.pull();
    }
    return this.finished;
  }

  item(item: ProviderStreamChunk): void {
    if (this.settled) return;
    if (item.type === 'chunks') {
      this.run.firstTokenAt ??= performance.now();
      if (this.keepsText) for (const streamed of item.items) this.text += chunkText(streamed);
      else for (const streamed of item.items) this.characters += chunkTextLength(streamed);
      let wanted: boolean;
      try {
        wanted = this.sink.chunks(item.items);
      } catch (error) {
        return this.desert(error);
      }
      if (!wanted) this.desert();
      return;
    }
    let result: LlmResult;
    try {
      result = this.outcomes.completed(this.run, this.target, this.text, item.finishReason, item.usage);
    } catch (error) {
      return this.fail(error as Error);
    }
    this.settled = true;
    try {
      this.sink.done(result);
    } catch (error) {
      return this.reject(error);
    }
    this.resolve();
  }

  /** The vendor's stream ended: after its last item (the usage report) as it should, or before it. */
  end(): void {
    if (!this.settled) this.fail(new ProviderError('stream_interrupted', 'Vendor stream ended without usage', this.target.provider));
  }

  fail(error: Error): void {
    if (this.settled) return;
    this.settled = true;
    this.outcomes.failed(this.run, this.target, error, this.length(), this.partialUsage()).then(this.reject, this.reject);
  }

  /**
   * The consumer is gone (or its sink threw): what was streamed is recorded and the vendor call stops, by the provider's
   * stream where it can (a stream being read cannot be closed until its read ends) and by the run's abort.
   */
  private desert(error?: unknown): void {
    this.settled = true;
    this.outcomes.deserted(this.run, this.target, this.partialUsage());
    const stopped = this.items.return?.();
    this.run.stop(new DOMException('The consumer stopped reading the stream', 'AbortError'));
    const settle = () => (error === undefined ? this.resolve() : this.reject(error));
    if (stopped) stopped.then(settle, settle);
    else settle();
  }

  private async pull(): Promise<void> {
    try {
      for (;;) {
        const step = await this.items.next();
        if (this.settled) return;
        if (step.done) return this.end();
        this.item(step.value);
        if (this.settled) return;
      }
    } catch (error) {
      this.fail(error as Error);
    }
  }

  private length(): number {
    return this.keepsText ? this.text.length : this.characters;
  }

  private partialUsage(): TokenUsage {
    return { input: this.run.estimate, output: Math.ceil(this.length() / 4), cacheRead: 0, cacheWrite: 0, reasoning: 0 };
  }
}
