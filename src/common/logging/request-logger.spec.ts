import { Writable } from 'node:stream';
import type { FastifyBaseLogger } from 'fastify';
import { createRootLogger } from './root-logger';
import { requestChildLogger } from './request-logger';

/** The lines a request logger writes through a root logger at `level`, parsed. */
function capture(level = 'info') {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const root = createRootLogger(level, destination) as unknown as FastifyBaseLogger;
  return { lines, logger: requestChildLogger(root, { requestId: 'req-1' }, {}), root };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('requestChildLogger', () => {
  it('writes lines carrying the request id, with the fields and message given', async () => {
    const { lines, logger } = capture();
    logger.info({ res: { statusCode: 200 } }, 'request completed');
    logger.warn('plain %s', 'text');
    await settle();
    expect(lines).toEqual([
      expect.objectContaining({ level: 30, requestId: 'req-1', res: { statusCode: 200 }, msg: 'request completed' }),
      expect.objectContaining({ level: 40, requestId: 'req-1', msg: 'plain text' }),
    ]);
  });

  it('logs an error with its message, and keeps the root logger redaction', async () => {
    const { lines, logger } = capture();
    logger.error(new Error('boom'));
    logger.info({ authorization: 'Bearer secret-key', nested: { token: 't' } }, 'with secrets');
    await settle();
    expect(lines[0]).toMatchObject({ level: 50, requestId: 'req-1', msg: 'boom', err: { message: 'boom' } });
    expect(lines[1]).toMatchObject({ authorization: '[redacted]', nested: { token: '[redacted]' } });
  });

  it('writes nothing below the root level, and makes real children carrying the request id', async () => {
    const { lines, logger } = capture('warn');
    logger.info({ a: 1 }, 'dropped');
    logger.child({ part: 'x' }).warn('from child');
    await settle();
    expect(lines).toEqual([expect.objectContaining({ requestId: 'req-1', part: 'x', msg: 'from child' })]);
  });
});
