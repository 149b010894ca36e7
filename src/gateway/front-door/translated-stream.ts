import { BadRequestException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import type { ChatStreamSink, StreamStart } from '../streamed-answer';
import type { StreamedChunk } from '../providers/provider';
import type { LlmResult } from '../llm.types';
import { isUnsupportedParameterError } from '../providers/unsupported-parameter.error';
import { isDoorRequestError } from './anthropic/door-request.error';
import { DoorStream } from './door-stream';

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
export function relayTranslatedStream(
  reply: FastifyReply,
  req: FastifyRequest,
  relay: (sink: ChatStreamSink) => Promise<void>,
  translationFor: (start: StreamStart) => StreamTranslation,
): Promise<void> {
  return new TranslatedStream(reply, String(req.id), translationFor).relay(relay);
}

class TranslatedStream extends DoorStream {
  private translation?: StreamTranslation;

  constructor(
    reply: FastifyReply,
    requestId: string,
    private readonly translationFor: (start: StreamStart) => StreamTranslation,
  ) {
    super(reply, requestId);
  }

  chunks(items: StreamedChunk[]): boolean {
    for (const { chunk } of items) {
      for (const frame of this.translation!.push(chunk)) if (!this.write(frame)) return false;
    }
    return true;
  }

  done(result: LlmResult): void {
    for (const frame of this.translation!.finish(result)) this.write(frame);
  }

  protected begin(start: StreamStart): void {
    this.translation = this.translationFor(start);
  }

  protected failed(error: Error): void {
    if (this.translation) this.write(this.translation.failure(error.message));
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
