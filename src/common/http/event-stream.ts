import type { FastifyReply } from 'fastify';
import { type Abortable, RequestAbort } from 'src/common/abort/abortable';

/**
 * Headers of every server-sent event stream (no proxy buffering, no caching) and its request id, in one literal: under
 * load, an object literal of `x-request-id` alone (then given the other headers) was made with a map of its own each
 * time (V8's %HaveSameMap said so), allocated in the old generation: 40 % of what survived the scavenger, and a
 * mark-compact every second at 50 streaming connections.
 */
function eventStreamHeaders(requestId: string): Record<string, string> {
  return { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no', 'x-request-id': requestId };
}

/** A signal that aborts when the client goes away before the response has been completely written. */
export function abortOnClientClose(reply: FastifyReply): Abortable {
  const controller = new RequestAbort();
  // A client that left while the request waited for a turn (a busy loop, the guards) closed the response before
  // this listener existed, and 'close' is not emitted again: without this check the vendor would be paid anyway.
  if (reply.raw.destroyed && !reply.raw.writableFinished) controller.abort(new Error('client disconnected'));
  else
    reply.raw.on('close', () => {
      if (!reply.raw.writableFinished) controller.abort(new Error('client disconnected'));
    });
  return controller;
}

export interface EventStreamWriter {
  /** Writes raw SSE text (one or more complete frames); false once the client is gone. */
  write(frames: string): boolean;
  end(): void;
}

/**
 * Takes the response over from Fastify and opens an event stream. What is produced in one turn of the event loop
 * (the headers and the first events, or all the events of one upstream packet) leaves in one socket write at the
 * end of that turn, and the last events leave with the end of the response, instead of one write each. With
 * `latin1`, the frames written are binary strings (one character per byte, as a binary ServerSentEventParser reads
 * a vendor's events) and go out as those bytes.
 */
export function openEventStream(reply: FastifyReply, requestId: string, headers?: Record<string, string>, encoding: 'utf8' | 'latin1' = 'utf8'): EventStreamWriter {
  reply.hijack();
  const head = eventStreamHeaders(requestId);
  reply.raw.writeHead(200, headers ? Object.assign(head, headers) : head);
  let pending = '';
  const flush = () => {
    flushing = undefined;
    if (reply.raw.destroyed) return;
    if (pending) reply.raw.write(pending, encoding);
    else if (!reply.raw.headersSent) reply.raw.flushHeaders();
    pending = '';
  };
  let flushing: NodeJS.Immediate | undefined = setImmediate(flush);
  return {
    write: (frames) => {
      if (reply.raw.destroyed) return false;
      pending += frames;
      flushing ??= setImmediate(flush);
      return true;
    },
    end: () => {
      if (flushing) clearImmediate(flushing);
      flushing = undefined;
      if (!reply.raw.destroyed) {
        if (pending) reply.raw.end(pending, encoding);
        else reply.raw.end();
      }
      pending = '';
    },
  };
}
