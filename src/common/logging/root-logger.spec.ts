import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { LOG_FLUSH_INTERVAL_MS } from './root-logger';

/** Runs a script that logs through bufferedStdout() in its own process; resolves with the lines it wrote, in order. */
function runLogging(script: string): Promise<{ lines: Array<{ msg: string }>; exitCode: number | null }> {
  const preamble = `const { bufferedStdout, createRootLogger, createRequestLineLogger } = require(${JSON.stringify(join(__dirname, 'root-logger.ts'))});
const out = bufferedStdout(); const root = createRootLogger('info', out); const requests = createRequestLineLogger('info', out);`;
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', `${preamble}\n${script}`], { stdio: ['ignore', 'pipe', 'ignore'] });
  const lines: Array<{ msg: string }> = [];
  let pending = '';
  child.stdout.on('data', (chunk: Buffer) => {
    const parts = (pending + chunk.toString()).split('\n');
    pending = parts.pop() ?? '';
    for (const part of parts) lines.push({ msg: (JSON.parse(part) as { msg: string }).msg });
  });
  return new Promise((resolve) => child.on('close', (exitCode) => resolve({ lines, exitCode })));
}

describe('bufferedStdout', () => {
  it('writes every line of both loggers, in order, when the process exits before the buffer fills', async () => {
    const { lines, exitCode } = await runLogging(`root.info('starting'); requests.info('request completed'); root.warn({ apiKey: 'sk-secret' }, 'leaving'); process.exit(3);`);
    expect(exitCode).toBe(3);
    expect(lines.map((line) => line.msg)).toEqual(['starting', 'request completed', 'leaving']);
  }, 20_000);

  it('writes what a crash leaves in the buffer', async () => {
    const { lines, exitCode } = await runLogging(`root.error('about to fail'); setTimeout(() => { throw new Error('boom'); }, 10);`);
    expect(exitCode).not.toBe(0);
    expect(lines.map((line) => line.msg)).toEqual(['about to fail']);
  }, 20_000);

  it('writes a quiet process’s line within the flush interval, without waiting for more output or the exit', async () => {
    // The marker goes straight to stdout two intervals after the line: a line still buffered would come after it.
    const { lines } = await runLogging(
      `root.info('lonely line'); setTimeout(() => { require('node:fs').writeSync(1, JSON.stringify({ msg: 'marker' }) + '\\n'); process.exit(0); }, ${LOG_FLUSH_INTERVAL_MS * 2});`,
    );
    expect(lines.map((line) => line.msg)).toEqual(['lonely line', 'marker']);
  }, 20_000);
});
