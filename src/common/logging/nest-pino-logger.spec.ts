import { Writable } from 'node:stream';
import { createRootLogger } from './root-logger';
import { NestPinoLogger } from './nest-pino-logger';

describe(NestPinoLogger.name, () => {
  const capture = () => {
    const lines: Record<string, unknown>[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
        done();
      },
    });
    return { lines, logger: new NestPinoLogger(createRootLogger('info', destination)) };
  };

  it("writes Nest's context, an object's fields and the message as one JSON line, secrets redacted at any of the two levels", async () => {
    const { lines, logger } = capture();
    logger.warn({ apiKey: 'sk-live-1', nested: { token: 'tok-2' }, requestId: 'r1' }, 'with object', 'Startup');
    logger.log('plain', 'Redis');
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines.map(({ level, context, msg, apiKey, nested, requestId }) => ({ level, context, msg, apiKey, nested, requestId }))).toEqual([
      { level: 40, context: 'Startup', msg: 'with object', apiKey: '[redacted]', nested: { token: '[redacted]' }, requestId: 'r1' },
      { level: 30, context: 'Redis', msg: 'plain', apiKey: undefined, nested: undefined, requestId: undefined },
    ]);
    expect(JSON.stringify(lines)).not.toMatch(/sk-live-1|tok-2/);
  });
});
