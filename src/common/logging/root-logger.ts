import pino, { type DestinationStream, type Logger } from 'pino';

/** The process's one JSON logger: Fastify derives each request's child logger from it, Nest logs through it. */
export function createRootLogger(level: string, destination?: DestinationStream): Logger {
  const secrets = ['authorization', 'cookie', 'apiKey', 'api_key', 'key', 'password', 'token'];
  // Top-level fields and one level down: Nest lines put an object's fields at the top (logger.warn({ apiKey }, …)).
  const options = { level, redact: { paths: [...secrets, ...secrets.map((name) => `*.${name}`)], censor: '[redacted]' } };
  return destination ? pino(options, destination) : pino(options);
}
