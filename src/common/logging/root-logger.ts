import pino, { type DestinationStream, type Logger } from 'pino';

/** The process's one JSON logger: Fastify derives each request's child logger from it, Nest logs through it. */
export function createRootLogger(level: string, destination?: DestinationStream): Logger {
  const secrets = ['authorization', 'cookie', 'apiKey', 'api_key', 'key', 'password', 'token'];
  // Top-level fields and one level down: Nest lines put an object's fields at the top (logger.warn({ apiKey }, …)).
  const options = { level, redact: { paths: [...secrets, ...secrets.map((name) => `*.${name}`)], censor: '[redacted]' } };
  return destination ? pino(options, destination) : pino(options);
}

/**
 * The logger of the one line per completed request, whose fields are all the service's own (request id, method,
 * path without the query, status, time): it skips the redaction every other line goes through, which cost about
 * 10 µs a line. Same level and destination as the root logger; error lines still go through the root logger.
 */
export function createRequestLineLogger(level: string, destination?: DestinationStream): Logger {
  return destination ? pino({ level }, destination) : pino({ level });
}
