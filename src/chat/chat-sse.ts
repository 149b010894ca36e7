import type { FastifyReply } from 'fastify';
import { abortOnClientClose, openEventStream } from 'src/common/http/event-stream';
import { sseFrame, type ChatStreamFrame } from './chat-answer';

/** Takes the response over from Fastify and writes each frame as soon as it is produced, then ends the response. */
export async function writeChatStream(reply: FastifyReply, frames: AsyncIterable<ChatStreamFrame>, requestId: string): Promise<void> {
  const stream = openEventStream(reply, requestId);
  try {
    for await (const frame of frames) if (!stream.write(sseFrame(frame))) break;
  } finally {
    stream.end();
  }
}

export { abortOnClientClose };
