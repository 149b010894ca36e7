import type { FastifyReply } from 'fastify';
import { sseFrame, type ChatStreamFrame } from './chat-answer';

/** Headers of the chat event stream (no proxy buffering, no caching). */
export const CHAT_SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
  connection: 'keep-alive',
  'x-accel-buffering': 'no',
} as const;

/** An AbortSignal that fires when the client goes away before the response has been completely written. */
export function abortOnClientClose(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  reply.raw.on('close', () => {
    if (!reply.raw.writableFinished) controller.abort(new Error('client disconnected'));
  });
  return controller.signal;
}

/** Takes the response over from Fastify and writes each frame as soon as it is produced, then ends the response. */
export async function writeChatStream(reply: FastifyReply, frames: AsyncIterable<ChatStreamFrame>, requestId: string): Promise<void> {
  reply.hijack();
  reply.raw.writeHead(200, { ...CHAT_SSE_HEADERS, 'x-request-id': requestId });
  reply.raw.flushHeaders();
  try {
    for await (const frame of frames) {
      if (reply.raw.destroyed) break;
      reply.raw.write(sseFrame(frame));
    }
  } finally {
    if (!reply.raw.destroyed) reply.raw.end();
  }
}
