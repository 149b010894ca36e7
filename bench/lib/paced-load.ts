import { ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { summarise } from './latency-stats';
import type { LoadResult, LoadSpec } from './load';

export type PacedSpec = Omit<LoadSpec, 'durationS'> & {
  overallRate: number;
  /** Report the due time and latency of every answer slower than this (bench:tail). */
  slowOverMs?: number;
};

/** An answer slower than PacedSpec.slowOverMs: when it fell due (epoch ms) and how long it took. */
export interface SlowAnswer {
  dueMs: number;
  latencyMs: number;
}

interface WorkerResult {
  type: 'result';
  counts: { ok: number; non2xx: number; errors: number; timeouts: number };
  durationS: number;
  samples: Float64Array;
  slow: Float64Array;
}

/**
 * Open-loop load at a fixed rate: request i is due at start + i / rate and is sent then, whatever is still in
 * flight (autocannon's `overallRate` instead lets each connection send its share back to back at the top of
 * every second, a burst that measures queueing, not added latency). Latency runs from the moment a request
 * falls due to the end of its body, so time spent waiting for a free connection or a late timer counts too.
 *
 * The pacing runs in paced-worker.js, a plain-JavaScript child of its own, so the bench's ts-node process (its
 * heap and collections, its /proc sampling) does not delay answers being seen. Direct calls to the emulator at
 * 500 req/s, two runs each: p50 0.98-1.00 -> 0.88-0.89 ms, p99 4.4-4.7 -> 4.1-4.2 ms.
 *
 * One pacer keeps its connection pool across runs: the warm-up opens the connections and the measured run
 * reuses them. A fresh pool per measured run put every target's connection set-up (and the load generator's
 * own first calls) into the first half second of the measurement, up to 380 of 5,000 answers over 5 ms on this
 * machine, which is what the p99 of a 10-second run at 500 req/s then reported.
 */
export class PacedLoad {
  private readonly worker: ChildProcess;
  private readonly exited: Promise<number | null>;
  private readonly ready: Promise<void>;

  constructor(spec: PacedSpec) {
    this.worker = fork(join(__dirname, 'paced-worker.js'), [JSON.stringify(spec)], { execArgv: [], serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.exited = new Promise((resolve) => this.worker.once('exit', resolve));
    this.ready = this.next('ready').then(() => undefined);
  }

  /** The load generator's process id (its threads are told apart from everyone else's in a scheduler trace). */
  get pid(): number | undefined {
    return this.worker.pid;
  }

  /** Paces requests for `durationS` and waits for the last answer. */
  async run(durationS: number): Promise<LoadResult & { slow: SlowAnswer[] }> {
    await this.ready;
    const answer = this.next('result');
    this.worker.send({ type: 'run', durationS });
    const { counts, durationS: runS, samples, slow: pairs } = (await answer) as WorkerResult;
    const slow: SlowAnswer[] = [];
    for (let i = 0; i + 1 < pairs.length; i += 2) slow.push({ dueMs: pairs[i], latencyMs: pairs[i + 1] });
    return Object.assign({}, counts, { durationS: runS, rps: counts.ok / runS, latency: summarise(samples), slow });
  }

  async close(): Promise<void> {
    if (this.worker.exitCode === null && this.worker.connected) this.worker.send({ type: 'close' });
    await this.exited;
  }

  /** The worker's next message of `type`; rejects if the worker exits first. */
  private next(type: string): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const onMessage = (message: { type?: string }) => {
        if (message?.type !== type) return;
        this.worker.off('exit', onExit);
        this.worker.off('message', onMessage);
        resolve(message);
      };
      const onExit = (code: number | null) => {
        this.worker.off('message', onMessage);
        reject(new Error(`the paced load generator exited (code ${code}) before its ${type} message`));
      };
      this.worker.on('message', onMessage);
      this.worker.once('exit', onExit);
    });
  }
}

/** One paced run on its own pool (the soak, whose ten minutes make the first second's connection set-up irrelevant). */
export async function runPacedLoad(spec: LoadSpec & { overallRate: number }): Promise<LoadResult> {
  const pacer = new PacedLoad(spec);
  try {
    return await pacer.run(spec.durationS);
  } finally {
    await pacer.close();
  }
}
