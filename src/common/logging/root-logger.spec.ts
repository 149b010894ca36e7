import { ChildProcessByStdio, spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { LOG_FLUSH_INTERVAL_MS } from './root-logger';

/** Code that sets up the loggers the way app.setup does: `root` and `requests` share one bufferedStdout(). */
function preamble(): string {
  return `const { bufferedStdout, createRootLogger } = require(${JSON.stringify(join(__dirname, 'root-logger.ts'))});
const { RequestLineWriter } = require(${JSON.stringify(join(__dirname, 'request-line-writer.ts'))});
const out = bufferedStdout(); const root = createRootLogger('info', out); const requests = new RequestLineWriter('info', out);
const completed = (url) => requests.write({ requestId: 'r', method: 'GET', url, statusCode: 200, responseTime: 1 });`;
}

/** A process running `script` after the preamble, with its stdout and stderr as pipes. */
function spawnLogging(script: string): ChildProcessByStdio<null, Readable, Readable> {
  return spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', `${preamble()}\n${script}`], { stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Runs a script that logs through bufferedStdout() in its own process; resolves with the lines it wrote, in order. */
function runLogging(script: string): Promise<{ lines: Array<{ msg: string }>; exitCode: number | null }> {
  const child = spawnLogging(script);
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
    const { lines, exitCode } = await runLogging(`root.info('starting'); completed('/'); root.warn({ apiKey: 'sk-secret' }, 'leaving'); process.exit(3);`);
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

  it('keeps answering when stdout stalls: lines beyond the 8 MB bound are dropped and counted', async () => {
    const script = `const line = 'x'.repeat(1000);
for (let i = 0; i < 20000; i++) completed('/' + i + line);
setImmediate(async () => {
  const dropped = (await require('prom-client').register.getSingleMetricAsString('log_lines_dropped_total')).match(/ (\\d+)$/m)[1];
  process.stderr.write(JSON.stringify({ dropped: Number(dropped) }) + '\\n');
  process.exit(0);
});`;
    const child = spawnLogging(script);
    // Nobody reads the child's stdout until it has reported: its pipe fills and stays full. Then it is drained, so
    // that the child's exit, which writes what is buffered, can finish.
    child.stdout.pause();
    const report = await new Promise<string>((done) => child.stderr.once('data', (chunk: Buffer) => done(chunk.toString())));
    const exited = new Promise((done) => child.on('exit', done));
    child.stdout.resume();
    await exited;
    const { dropped } = JSON.parse(report) as { dropped: number };
    // ~21 MB of lines against an 8 MB bound and a full pipe: about 8 MB wait in memory, the rest is dropped.
    expect(dropped).toBeGreaterThan(10_000);
    expect(dropped).toBeLessThan(20_000);
  }, 30_000);
});
