import pino, { type DestinationStream, type Logger } from 'pino';

/** The process's one JSON logger: Fastify derives each request's child logger from it, Nest logs through it. */
export function createRootLogger(level: string, destination?: DestinationStream): Logger {
  const options = { level, redact: { paths: ['*.authorization', '*.cookie', '*.apiKey', '*.api_key', '*.key', '*.password', '*.token'], censor: '[redacted]' } };
  return destination ? pino(options, destination) : pino(options);
}
