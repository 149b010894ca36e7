import type { LoggerService } from '@nestjs/common';
import type { Logger } from 'pino';

type Level = 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal';

/**
 * Nest's Logger on the root pino logger. Nest appends the logger's context as the last argument; an
 * object first argument becomes the line's fields (`logger.error({ err, requestId }, 'message')`).
 */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly pino: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: Level, message: unknown, params: unknown[]): void {
    if (!this.pino.isLevelEnabled(level)) return;
    const rest = [...params];
    const context = rest.length > 0 && typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    const fields: Record<string, unknown> = context ? { context } : {};
    if (message instanceof Error) return this.pino[level](Object.assign({}, fields, { err: message }), message.message);
    if (typeof message === 'object' && message !== null) {
      const text = typeof rest[0] === 'string' ? (rest.shift() as string) : undefined;
      return this.pino[level](Object.assign({}, fields, message), text);
    }
    // Nest's error(message, stack, context): the stack comes before the context.
    if (level === 'error' && typeof rest[0] === 'string' && rest[0].includes('\n    at ')) fields.stack = rest.shift();
    this.pino[level](fields, String(message));
  }
}
