import pino from 'pino';
import { type CompletedRequest, RequestLineWriter } from './request-line-writer';

/** A destination that keeps what is written to it. */
function collector(): { lines: string[]; write(line: string): void } {
  const lines: string[] = [];
  return { lines, write: (line: string) => lines.push(line) };
}

const REQUESTS: CompletedRequest[] = [
  { requestId: '3f1c2a4e-1b2c-4d5e-8f90-0123456789ab', method: 'POST', url: '/v1/chat/completions', statusCode: 200, responseTime: 1.37 },
  { requestId: 'odoo "42"\n\u0001', method: 'GET', url: '/api/dte/ñandú/"quoted"\\path', statusCode: 404, responseTime: 0 },
];

describe('RequestLineWriter', () => {
  it('writes the line pino writes for the same fields, escapes included', () => {
    const ours = collector();
    const theirs = collector();
    const writer = new RequestLineWriter('info', ours);
    const logger = pino({ level: 'info' }, theirs);
    for (const line of REQUESTS) {
      writer.write(line);
      logger.info({ requestId: line.requestId, req: { method: line.method, url: line.url }, res: { statusCode: line.statusCode }, responseTime: line.responseTime }, 'request completed');
    }
    const withoutTime = (line: string) => Object.assign(JSON.parse(line) as object, { time: 0 });
    expect(ours.lines.map(withoutTime)).toEqual(theirs.lines.map(withoutTime));
    expect(ours.lines.map((line) => line.replace(/"time":\d+/, ''))).toEqual(theirs.lines.map((line) => line.replace(/"time":\d+/, '')));
    expect(ours.lines.every((line) => line.endsWith('}\n'))).toBe(true);
  });

  it('writes nothing when LOG_LEVEL is above info', () => {
    for (const level of ['warn', 'error', 'silent']) {
      const out = collector();
      new RequestLineWriter(level, out).write(REQUESTS[0]);
      expect(out.lines).toEqual([]);
    }
    const verbose = collector();
    new RequestLineWriter('debug', verbose).write(REQUESTS[0]);
    expect(verbose.lines).toHaveLength(1);
  });
});
