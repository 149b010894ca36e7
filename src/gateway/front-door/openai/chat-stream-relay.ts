import type { FastifyReply } from 'fastify';
import { type EventStreamWriter, openEventStream } from 'src/common/http/event-stream';
import type { LlmResult } from '../../llm.types';
import { toCompletionUsage } from '../../providers/canonical-wire';
import { isUsageReport, type StreamedChunk } from '../../providers/provider';
import { binaryOf } from '../../providers/wire/server-sent-events';
import type { ChatStreamSink, StreamStart } from '../../streamed-answer';
import { frame, gatewayHeaders, gatewayInfo } from './chat-response';

/**
 * The OpenAI door's stream, written as the gateway hands each network read's chunks over. Frames are binary strings:
 * an OpenAI-wire vendor's chunks go out as the bytes they came in (see RelayedChunk), and the door's own JSON is
 * encoded to match. The usage chunk is sent only when the caller asked for it (as OpenAI does), and waits for the
 * answer's cost so that it can carry `x_gateway`.
 */
export class ChatStreamRelay implements ChatStreamSink {
  private stream?: EventStreamWriter;
  private usage?: object;

  constructor(
    private readonly reply: FastifyReply,
    private readonly requestId: string,
    private readonly includeUsage: boolean,
  ) {}

  /** Whether the response has begun: after that, a failure can only be told in the stream. */
  get started(): boolean {
    return this.stream !== undefined;
  }

  start(start: StreamStart): void {
    this.stream = openEventStream(this.reply, Object.assign({ 'x-request-id': this.requestId }, gatewayHeaders(start)), 'latin1');
  }

  chunks(items: StreamedChunk[]): boolean {
    for (const item of items) {
      if (isUsageReport(item)) {
        if (this.includeUsage) this.usage = item.chunk;
      } else if (!(item.raw === undefined ? this.send(JSON.stringify(item.chunk)) : this.write(frame(item.raw)))) return false;
    }
    return true;
  }

  done(result: LlmResult): void {
    if (this.includeUsage) this.send(JSON.stringify(Object.assign({}, this.usage ?? usageChunk(result), { x_gateway: gatewayInfo(result) })));
    this.write(frame('[DONE]'));
  }

  /** A failure after the first chunk, as OpenAI's error object in the stream. */
  failed(error: Error): void {
    this.send(JSON.stringify({ error: { message: error.message, type: 'stream_interrupted', param: null, code: 'stream_interrupted' } }));
  }

  end(): void {
    this.stream?.end();
  }

  private send(json: string): boolean {
    return this.write(frame(binaryOf(json)));
  }

  private write(frames: string): boolean {
    return this.stream !== undefined && this.stream.write(frames);
  }
}

function usageChunk(result: LlmResult) {
  return { id: `chatcmpl-${result.requestId}`, object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model: result.model, choices: [], usage: toCompletionUsage(result.usage) };
}
