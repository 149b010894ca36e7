import type { FastifyReply, FastifyRequest } from 'fastify';
import { LogController } from 'fastify';
import type { RequestLineWriter } from './request-line-writer';

/** Probes and scrapes are never worth a log line (and are the most frequent requests). */
const UNLOGGED = /^\/(health(\/|\?|$)|metrics(\?|$))/;

/**
 * One log line per request, written when the response is done: request id, method, path without the query string,
 * status and time. No AsyncLocalStorage, no headers, no bodies (so no keys and no prompt texts).
 */
export class RequestLogController extends LogController {
  /** `lines`: where successful requests' lines go; without it, the request's own logger. */
  constructor(private readonly lines?: RequestLineWriter) {
    super({ requestIdLogLabel: 'requestId', disableRequestLogging: (request: FastifyRequest) => UNLOGGED.test(request.url) });
  }

  override incomingRequest(): void {
    // the line is written on completion
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return;
    const query = request.url.indexOf('?');
    const url = query < 0 ? request.url : request.url.slice(0, query);
    const responseTime = Math.round(reply.elapsedTime * 100) / 100;
    const failed = error || reply.statusCode >= 500;
    if (!failed && this.lines) return this.lines.write({ requestId: String(request.id), method: request.method, url, statusCode: reply.statusCode, responseTime });
    const line = { req: { method: request.method, url }, res: { statusCode: reply.statusCode }, responseTime };
    if (!failed) reply.log.info(line, 'request completed');
    else reply.log.error(error ? Object.assign({}, line, { err: { type: error.name, message: error.message } }) : line, 'request errored');
  }
}
