import type { FastifyReply } from 'fastify';
import { type EventStreamWriter, openEventStream } from 'src/common/http/event-stream';
import type { LlmResult } from '../llm.types';
import type { StreamedChunk } from '../providers/provider';
import type { ChatStreamSink, StreamStart } from '../streamed-answer';
import { gatewayHeaders } from './openai/chat-response';

/**
 * A door's server-sent event response fed by the gateway's stream relay: opened when the first chunk is in, with the
 * request id and the gateway's headers, and ended on every way out. A door says how it writes chunks, the answer's
 * end and a failure after the first chunk.
 */
export abstract class DoorStream implements ChatStreamSink {
  /** A door writes the chunks themselves; the answer's text is only counted. */
  readonly keepsText = false;
  private out?: EventStreamWriter;

  constructor(
    private readonly reply: FastifyReply,
    private readonly requestId: string,
    private readonly encoding: 'utf8' | 'latin1' = 'utf8',
  ) {}

  /**
   * Runs the gateway's relay into this stream. A failure before the first chunk is the request's own error (a normal
   * HTTP answer); after it, the door's error event in the stream.
   */
  async relay(run: (sink: ChatStreamSink) => Promise<void>): Promise<void> {
    try {
      await run(this);
    } catch (error) {
      if (this.out === undefined) throw error;
      this.failed(error as Error);
    } finally {
      this.out?.end();
    }
  }

  start(start: StreamStart): void {
    this.out = openEventStream(this.reply, this.requestId, gatewayHeaders(start), this.encoding);
    this.begin(start);
  }

  abstract chunks(items: StreamedChunk[]): boolean;

  abstract done(result: LlmResult): void;

  /** What the door needs once the stream is committed to its target (nothing by default). */
  protected begin(_start: StreamStart): void {}

  /** A failure after the first chunk, told in the stream. */
  protected abstract failed(error: Error): void;

  /** Writes frames; false once the client is gone. */
  protected write(frames: string): boolean {
    return this.out !== undefined && this.out.write(frames);
  }
}
