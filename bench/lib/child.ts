import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

const TAIL_BYTES = 8_000;
const running = new Set<ChildProcess>();

process.once('exit', () => {
  for (const child of running) if (child.exitCode === null) child.kill('SIGKILL');
});

/** A child process started by the bench, with the tail of its output kept for error messages. */
export class Child {
  private tail = '';

  constructor(
    readonly name: string,
    readonly proc: ChildProcess,
  ) {
    running.add(proc);
    const keep = (chunk: Buffer) => {
      this.tail = (this.tail + chunk.toString()).slice(-TAIL_BYTES);
    };
    proc.stdout?.on('data', keep);
    proc.stderr?.on('data', keep);
    proc.once('exit', () => running.delete(proc));
  }

  get pid(): number {
    return this.proc.pid ?? -1;
  }

  get exited(): boolean {
    return this.proc.exitCode !== null || this.proc.signalCode !== null;
  }

  /** The last few kilobytes the child printed. */
  output(): string {
    return this.tail;
  }

  /** SIGTERM, then SIGKILL when it has not exited within `graceMs`. */
  async stop(graceMs = 10_000): Promise<void> {
    if (this.exited) return;
    const gone = new Promise<void>((resolve) => this.proc.once('exit', () => resolve()));
    this.proc.kill('SIGTERM');
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), graceMs);
    await gone;
    clearTimeout(timer);
  }
}

/**
 * Node flags for the bench's helper processes (emulators, the floor, Portkey), never for our service: V8's memory
 * reducer collects a process's heap some seconds after it goes quiet, which for a target that has just been measured
 * is inside the next target's window (Portkey's helper threads ran 9 ms a second through ours' in a `perf sched`
 * recording). Under load the reducer does not run, so no target's own figures change.
 */
export const QUIET_WHEN_IDLE = ['--no-memory-reducer'];

/** Spawns `command` with exactly `env` (no inherited secrets), output piped and kept. */
export function startChild(name: string, command: string, args: string[], env: NodeJS.ProcessEnv, cwd = process.cwd()): Child {
  const proc = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Child(name, proc);
}

/** The minimal environment a Node child needs besides its own settings. */
export function baseEnv(): NodeJS.ProcessEnv {
  const { PATH, HOME, TMPDIR, LANG } = process.env;
  return { PATH, HOME, TMPDIR, LANG };
}

/** Polls `url` until it answers with any HTTP status (or `ok` accepts it), failing early if the child dies. */
export async function waitForHttp(url: string, child: Child, timeoutMs = 60_000, ok: (status: number) => boolean = () => true, pollMs = 200): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (child.exited) throw new Error(`${child.name} exited before answering ${url}:\n${child.output()}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      if (ok(res.status)) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`${child.name} did not answer ${url} within ${timeoutMs} ms:\n${child.output()}`);
    await sleep(pollMs);
  }
}

/** Resident memory of a process in MB from /proc/<pid>/status (undefined when it is gone). */
export function rssMb(pid: number): number | undefined {
  try {
    const match = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Math.round((Number(match[1]) / 1024) * 10) / 10 : undefined;
  } catch {
    return undefined;
  }
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
