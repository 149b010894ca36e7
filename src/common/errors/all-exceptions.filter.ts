import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ErrorBody, reasonPhrase } from './error-body';
import { loggableError } from './loggable-error';
import { RequestValidationError } from './validation';
import { inWireShape, wireShapeOf } from './wire-error-shapes';

/** Maps Fastify's own client errors (bad JSON, body too large...) to their HTTP status. */
const FASTIFY_CODES: Record<string, number> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 413,
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 415,
  FST_ERR_CTP_EMPTY_JSON_BODY: 400,
  FST_ERR_CTP_INVALID_JSON_BODY: 400,
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 400,
  FST_ERR_BAD_URL: 400,
  FST_ERR_MAX_PARAM_LENGTH: 414,
};

/** Builds the standard body for any thrown value; unknown errors become a bare 500 with no detail. */
export function toErrorBody(error: unknown, requestId: string): ErrorBody {
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    const raw = typeof response === 'string' ? response : (response as { message?: unknown }).message;
    const message = Array.isArray(raw) ? raw.join('; ') : String(raw ?? error.message);
    const body: ErrorBody = { statusCode: status, error: reasonPhrase(status), message, requestId };
    if (error instanceof RequestValidationError) body.details = error.details;
    if (typeof response === 'object' && response !== null) {
      const { statusCode: _s, message: _m, error: _e, ...rest } = response as Record<string, unknown>;
      if (Object.keys(rest).length > 0) body.context = rest;
    }
    return body;
  }
  const e = error as { statusCode?: number; code?: string; message?: string };
  const status = (e?.code && FASTIFY_CODES[e.code]) || (typeof e?.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500 ? e.statusCode : 500);
  if (status === 500) return { statusCode: 500, error: reasonPhrase(500), message: 'Internal server error', requestId };
  const message =
    status === 413
      ? 'Request body is larger than the configured limit (BODY_LIMIT_BYTES)'
      : e.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || e instanceof SyntaxError
        ? 'Malformed JSON body'
        : e.code === 'FST_ERR_BAD_URL'
          ? 'Malformed URL (bad percent-encoding)'
          : e.code === 'FST_ERR_MAX_PARAM_LENGTH'
            ? 'A path parameter is too long'
            : String(e.message ?? reasonPhrase(status));
  return { statusCode: status, error: reasonPhrase(status), message, requestId };
}

/** The status nginx and others log for a request whose client closed the connection before the answer. */
const CLIENT_CLOSED_REQUEST = 499;

/** Whether the response can no longer be written: its connection closed before it was finished. */
function callerLeft(reply: FastifyReply): boolean {
  return reply.raw.destroyed === true && !reply.raw.writableFinished;
}

/** The abort that follows a caller's departure: the gateway's own (kind "aborted") or an AbortError. */
function isAbort(exception: unknown): boolean {
  const e = exception as { kind?: unknown; name?: unknown } | undefined;
  return e?.kind === 'aborted' || e?.name === 'AbortError';
}

/** One error body for every failure; stack traces and internals never leave the process. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const request = ctx.getRequest<FastifyRequest>();
    const reply = ctx.getResponse<FastifyReply>();
    if (callerLeft(reply) && isAbort(exception)) {
      // A caller that went away (a closed tab, a client's own timeout) is no server fault, and nothing can be sent to
      // it. An error line with a stack per departure would bury real errors, and cost most under overload, when
      // callers time out. Its usage row already says "aborted".
      this.logger.log({ requestId: String(request.id), status: CLIENT_CLOSED_REQUEST }, 'caller left before the answer');
      return;
    }
    const body = toErrorBody(exception, String(request.id));
    const shape = wireShapeOf(request.url, request.headers);
    // OpenAI and Anthropic answer a wrong key with 401; their SDKs map that status to an authentication error.
    if (shape && (exception as { invalidKey?: boolean })?.invalidKey) Object.assign(body, { statusCode: 401, error: reasonPhrase(401) });
    // A deliberate 5xx (no vendor could serve) is logged by what it says; anything else unexpected with its stack.
    if (body.statusCode >= 500 && exception instanceof HttpException) this.logger.warn({ requestId: body.requestId, status: body.statusCode, message: body.message });
    else if (body.statusCode >= 500) this.logger.error({ err: loggableError(exception), requestId: body.requestId }, 'Unhandled error');
    if (reply.sent || reply.raw.headersSent) {
      reply.raw.end();
      return;
    }
    const retryAfter = (exception as { retryAfterSeconds?: unknown })?.retryAfterSeconds;
    if (typeof retryAfter === 'number' && retryAfter > 0) void reply.header('retry-after', String(Math.ceil(retryAfter)));
    void reply
      .status(body.statusCode)
      .header('content-type', 'application/json; charset=utf-8')
      .send(shape ? inWireShape(shape, body) : body);
  }
}
