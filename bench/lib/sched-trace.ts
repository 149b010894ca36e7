import { ChildProcess, execFile, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sleep } from './child';
import { parseTimehist, ranDuring, SchedRun, waitsOf } from './sched-waits';

/** Waits of our main thread for a CPU shorter than this are left out (the loop-stall record's threshold is 3 ms). */
export const SCHED_WAIT_OVER_MS = 2;

/** The processes of a run that a scheduler trace should name; everyone else is named by their command. */
export interface TraceRoles {
  ours: number;
  emulator?: number;
  pacer?: number;
}

export interface SchedWaits {
  count: number;
  ms: number;
  /** Who ran on the CPUs while our main thread waited for one (ms summed over the CPUs), largest first. */
  ranMeanwhile: Array<{ label: string; ms: number }>;
}

/**
 * `perf sched record -a` around a measured run (Debian's `linux-perf`; tracing every CPU needs root or
 * `kernel.perf_event_paranoid` ≤ -1), then `perf sched timehist` to find whose threads held the CPUs while our main
 * thread waited for one.
 */
export class SchedTrace {
  private constructor(
    private readonly perf: ChildProcess,
    private readonly dir: string,
    private readonly exited: Promise<unknown>,
  ) {}

  static async start(): Promise<SchedTrace> {
    if (spawnSync('perf', ['--version']).status !== 0) throw new Error('--sched needs perf (Debian: apt-get install linux-perf)');
    const dir = mkdtempSync(join(tmpdir(), 'bench-sched-'));
    const perf = spawn('perf', ['sched', 'record', '-a', '-o', join(dir, 'sched.data')], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    perf.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise((resolve) => perf.once('exit', resolve));
    // perf says nothing once it records; one that could not start has exited by then.
    if ((await Promise.race([exited.then(() => 'exited'), sleep(500).then(() => 'recording')])) === 'exited') {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`perf sched record did not start (${stderr.trim() || 'no message'}); tracing every CPU needs root or kernel.perf_event_paranoid <= -1`);
    }
    return new SchedTrace(perf, dir, exited);
  }

  /** Stops the recording and reads it: our main thread's waits over SCHED_WAIT_OVER_MS, and who ran meanwhile. */
  async waitsOfMainThread(roles: TraceRoles): Promise<SchedWaits> {
    await this.stop();
    try {
      const { stdout } = await promisify(execFile)('perf', ['sched', 'timehist', '-i', join(this.dir, 'sched.data')], { maxBuffer: 1 << 30 });
      const runs = parseTimehist(stdout);
      const waits = waitsOf(runs, roles.ours, SCHED_WAIT_OVER_MS);
      return {
        count: waits.length,
        ms: waits.reduce((sum, wait) => sum + wait.endMs - wait.startMs, 0),
        ranMeanwhile: ranDuring(runs, waits, (run) => roleOf(run, roles)),
      };
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }

  /** Stops the recording (if it still runs) and deletes it; safe to call after waitsOfMainThread. */
  async discard(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async stop(): Promise<void> {
    if (this.perf.exitCode === null && this.perf.signalCode === null) this.perf.kill('SIGINT');
    await this.exited;
  }
}

/** A run's thread by its part in the run; kernel threads and other processes by their command (per-CPU suffix dropped). */
export function roleOf(run: SchedRun, roles: TraceRoles): string {
  if (run.tid === 0) return 'nothing (a CPU idle)';
  if (run.pid === roles.ours) return run.tid === roles.ours ? 'our main thread' : 'our helper threads (V8, libuv)';
  if (run.pid === roles.emulator) return 'the emulator';
  if (run.pid === roles.pacer) return 'the load generator';
  if (run.pid === process.pid) return 'the bench process';
  if (run.comm === 'postgres' || run.comm.startsWith('postgres:')) return 'Postgres';
  if (run.comm === 'redis-server') return 'Redis';
  return run.comm.replace(/\/\d.*$/, '');
}
