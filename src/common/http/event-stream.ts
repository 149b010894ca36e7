import type { FastifyReply } from 'fastify';

/** Headers of every server-sent event stream (no proxy buffering, no caching). */
export const EVENT_STREAM_HEADERS = {
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

export interface EventStreamWriter {
  /** Writes raw SSE text (one or more complete frames); false once the client is gone. */
  write(frames: string): boolean;
  end(): void;
}

/**
 * Takes the response over from Fastify and opens an event stream. Frames produced in the same turn of the event
 * loop (all the events of one upstream packet) leave in one socket write, at the end of that turn, instead of one
 * write each.
 */
export function openEventStream(reply: FastifyReply, headers: Record<string, string>): EventStreamWriter {
  reply.hijack();
  reply.raw.writeHead(200, { ...EVENT_STREAM_HEADERS, ...headers });
  reply.raw.flushHeaders();
  let pending = '';
  let flushing: NodeJS.Immediate | undefined;
  const flush = () => {
    flushing = undefined;
    if (pending && !reply.raw.destroyed) reply.raw.write(pending);
    pending = '';
  };
  return {
    write: (frames) => {
      if (reply.raw.destroyed) return false;
      pending += frames;
      flushing ??= setImmediate(flush);
      return true;
    },
    end: () => {
      if (flushing) clearImmediate(flushing);
      flush();
      if (!reply.raw.destroyed) reply.raw.end();
    },
  };
}
