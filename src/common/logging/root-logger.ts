import pino, { type DestinationStream, type Logger } from 'pino';
import { Counter } from 'prom-client';
import { registeredMetric } from '../../infra/metrics/registered-metric';

/** The process's one JSON logger: Fastify derives each request's child logger from it, Nest logs through it. */
export function createRootLogger(level: string, destination: DestinationStream): Logger {
  const secrets = ['authorization', 'cookie', 'apiKey', 'api_key', 'key', 'password', 'token'];
  // Top-level fields and one level down: Nest lines put an object's fields at the top (logger.warn({ apiKey }, …)).
  const options = { level, redact: { paths: [...secrets, ...secrets.map((name) => `*.${name}`)], censor: '[redacted]' } };
  return pino(options, destination);
}

/** How long a line may wait in the stdout buffer when traffic is too low to fill it. */
export const LOG_FLUSH_INTERVAL_MS = 1_000;
/**
 * Each write of stdout is a system call on a libuv pool thread, which the main thread must wake (on a virtual machine
 * an idle CPU's wake-up is expensive), and its completion wakes the main thread back. Just under 16 KB (sonic-boom's largest single
 * write, which the minimum must stay below) is ~60 request lines.
 */
export const LOG_WRITE_MIN_BYTES = 16_000;

/** What stdout may hold unwritten when its reader stalls; lines beyond it are dropped and counted, never queued. */
export const LOG_BUFFER_MAX_BYTES = 8 * 1_048_576;

/**
 * Standard output for both loggers, written in chunks of at least LOG_WRITE_MIN_BYTES off the request path: at a few thousand
 * requests a second one write per line cost a system call each, here and in whatever reads the pipe. A quiet
 * process still writes within LOG_FLUSH_INTERVAL_MS, and what is buffered is written out when the process exits
 * (pino flushes it synchronously on 'exit', also after an uncaught exception). A stalled reader costs at most
 * LOG_BUFFER_MAX_BYTES of memory and never blocks requests: lines beyond it are dropped and counted.
 *
 * Lines are handed over as bytes (sonic-boom's buffer mode). In its text mode sonic-boom appends each line to the
 * pending text and measures that text's byte length, which copies all of it (up to 16 KB while a write is under
 * way) on every line: pino alone, writing request lines in bursts, allocated 7.5 KB of V8 heap per line that way, against
 * 2.0 KB in buffer mode. A short line's bytes come from Node's shared 8 KB pool, so a stalled reader can keep a few
 * pool blocks alive beyond the bound; that is at most a small multiple of it, and only while stdout is stalled.
 */
export function bufferedStdout(): DestinationStream {
  const destination = pino.destination({ dest: 1, sync: false, minLength: LOG_WRITE_MIN_BYTES, maxLength: LOG_BUFFER_MAX_BYTES, periodicFlush: LOG_FLUSH_INTERVAL_MS, contentMode: 'buffer' });
  const dropped = registeredMetric(
    'log_lines_dropped_total',
    () => new Counter({ name: 'log_lines_dropped_total', help: `Log lines dropped because stdout stalled with ${LOG_BUFFER_MAX_BYTES / 1_048_576} MB unwritten` }),
  );
  destination.on('drop', () => dropped.inc()); // pino writes a line at a time
  const writeBytes = destination.write.bind(destination) as unknown as (bytes: Buffer) => boolean; // buffer mode's write (typed for text)
  return { write: (line: string) => writeBytes(Buffer.from(line, 'utf8')) };
}
