import { BadRequestException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import { type EventStreamWriter, openEventStream } from 'src/common/http/event-stream';
import type { ChatStreamSink, StreamStart } from '../streamed-answer';
import type { StreamedChunk } from '../providers/provider';
import type { LlmResult } from '../llm.types';
import { isUnsupportedParameterError } from '../providers/unsupported-parameter.error';
import { isDoorRequestError } from './anthropic/door-request.error';
import { gatewayHeaders } from './openai/chat-response';

/** A door's translation of the canonical stream, already as SSE frames. */
export interface StreamTranslation {
  push(chunk: ChatCompletionChunk): string[];
  finish(result: LlmResult): string[];
  failure(message: string): string;
}

/**
 * Relays the gateway's canonical stream through a door's translation (Anthropic Messages, OpenAI Responses), written
 * as the gateway hands each network read's chunks over. A failure before the first chunk is a normal HTTP error; after
 * it, the translation's own error event. The client gone, the gateway stops the vendor call and records it.
 */
export async function relayTranslatedStream(
  reply: FastifyReply,
  req: FastifyRequest,
  relay: (sink: ChatStreamSink) => Promise<void>,
  translationFor: (start: StreamStart) => StreamTranslation,
): Promise<void> {
  const sink = new TranslatedStream(reply, String(req.id), translationFor);
  try {
    await relay(sink);
  } catch (error) {
    if (!sink.started) throw error;
    sink.failed(error as Error);
  } finally {
    sink.end();
  }
}

class TranslatedStream implements ChatStreamSink {
  private out?: EventStreamWriter;
  private translation?: StreamTranslation;

  constructor(
    private readonly reply: FastifyReply,
    private readonly requestId: string,
    private readonly translationFor: (start: StreamStart) => StreamTranslation,
  ) {}

  get started(): boolean {
    return this.out !== undefined;
  }

  start(start: StreamStart): void {
    this.out = openEventStream(this.reply, Object.assign({ 'x-request-id': this.requestId }, gatewayHeaders(start)));
    this.translation = this.translationFor(start);
  }

  chunks(items: StreamedChunk[]): boolean {
    for (const { chunk } of items) {
      for (const frame of this.translation!.push(chunk)) if (!this.out!.write(frame)) return false;
    }
    return true;
  }

  done(result: LlmResult): void {
    for (const frame of this.translation!.finish(result)) this.out!.write(frame);
  }

  failed(error: Error): void {
    if (this.translation) this.out?.write(this.translation.failure(error.message));
  }

  end(): void {
    this.out?.end();
  }
}

/** Runs a door's request translation; what the caller sent wrong (a field it cannot have, or cannot be served) is a 400. */
export function translatedRequest<T>(translate: () => T): T {
  try {
    return translate();
  } catch (error) {
    if (isDoorRequestError(error) || isUnsupportedParameterError(error)) throw new BadRequestException(error.message);
    throw error;
  }
}
