import type { FastifyReply } from 'fastify';
import type { LlmResult } from '../../llm.types';
import { toCompletionUsage } from '../../providers/canonical-wire';
import { isUsageReport, type StreamedChunk } from '../../providers/provider';
import { binaryOf } from '../../providers/wire/server-sent-events';
import { DoorStream } from '../door-stream';
import { frame, gatewayInfo } from './chat-response';

/**
 * The OpenAI door's stream, written as the gateway hands each network read's chunks over. Frames are binary strings:
 * an OpenAI-wire vendor's chunks go out as the bytes they came in (see RelayedChunk), and the door's own JSON is
 * encoded to match. The usage chunk is sent only when the caller asked for it (as OpenAI does), and waits for the
 * answer's cost so that it can carry `x_gateway`.
 */
export class ChatStreamRelay extends DoorStream {
  private usage?: object;

  constructor(
    reply: FastifyReply,
    requestId: string,
    private readonly includeUsage: boolean,
  ) {
    super(reply, requestId, 'latin1');
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

  /** OpenAI's error object in the stream. */
  protected failed(error: Error): void {
    this.send(JSON.stringify({ error: { message: error.message, type: 'stream_interrupted', param: null, code: 'stream_interrupted' } }));
  }

  private send(json: string): boolean {
    return this.write(frame(binaryOf(json)));
  }
}

function usageChunk(result: LlmResult) {
  return { id: `chatcmpl-${result.requestId}`, object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model: result.model, choices: [], usage: toCompletionUsage(result.usage) };
}
