import type { FastifyReply, FastifyRequest } from 'fastify';
import { LogController } from 'fastify';
import type { Logger } from 'pino';

/** Probes and scrapes are never worth a log line (and are the most frequent requests). */
const UNLOGGED = /^\/(health(\/|\?|$)|metrics(\?|$))/;

/**
 * One log line per request, written when the response is done: request id, method, path without the query string,
 * status and time. No AsyncLocalStorage, no headers, no bodies (so no keys and no prompt texts).
 */
export class RequestLogController extends LogController {
  /** `lines`: where successful requests' lines go (createRequestLineLogger); without it, the request's own logger. */
  constructor(private readonly lines?: Logger) {
    super({ requestIdLogLabel: 'requestId', disableRequestLogging: (request: FastifyRequest) => UNLOGGED.test(request.url) });
  }

  override incomingRequest(): void {
    // the line is written on completion
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return;
    const line = { req: { method: request.method, url: request.url.split('?')[0] }, res: { statusCode: reply.statusCode }, responseTime: Math.round(reply.elapsedTime * 100) / 100 };
    if (error || reply.statusCode >= 500) reply.log.error(error ? Object.assign({}, line, { err: { type: error.name, message: error.message } }) : line, 'request errored');
    else if (this.lines) this.lines.info({ requestId: request.id, ...line }, 'request completed');
    else reply.log.info(line, 'request completed');
  }
}
