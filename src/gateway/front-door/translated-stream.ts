import { BadRequestException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import { openEventStream } from 'src/common/http/event-stream';
import type { ChatStreamEvent } from '../gateway.service';
import type { LlmResult } from '../llm.types';
import { isUnsupportedParameterError } from '../providers/unsupported-parameter.error';
import { isDoorRequestError } from './anthropic/door-request.error';
import { theRestOf } from './gateway-controls';
import { gatewayHeaders } from './openai/chat-response';

/** A door's translation of the canonical stream, already as SSE frames. */
export interface StreamTranslation {
  push(chunk: ChatCompletionChunk): string[];
  finish(result: LlmResult): string[];
  failure(message: string): string;
}

/**
 * Relays the gateway's canonical stream through a door's translation (Anthropic Messages, OpenAI Responses). A
 * failure before the first event is a normal HTTP error; after it, the translation's own error event. Leaving the
 * loop early (the client gone) closes the gateway's stream, so the vendor call ends and is recorded.
 */
export async function relayTranslatedStream(
  reply: FastifyReply,
  req: FastifyRequest,
  stream: AsyncIterable<ChatStreamEvent>,
  translationFor: (start: Extract<ChatStreamEvent, { type: 'start' }>) => StreamTranslation,
): Promise<void> {
  const events = stream[Symbol.asyncIterator]();
  const first = await events.next();
  if (first.done || first.value.type !== 'start') throw new Error('stream ended before it started');
  const out = openEventStream(reply, { 'x-request-id': String(req.id), ...gatewayHeaders(first.value) });
  const translation = translationFor(first.value);
  try {
    for await (const event of theRestOf(events)) {
      const frames = event.type === 'chunks' ? event.items.flatMap(({ chunk }) => translation.push(chunk)) : event.type === 'done' ? translation.finish(event.result) : [];
      for (const frame of frames) if (!out.write(frame)) return;
    }
  } catch (error) {
    out.write(translation.failure((error as Error).message));
  } finally {
    out.end();
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
