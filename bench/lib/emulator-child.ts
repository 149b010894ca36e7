import type { EmulatorRule, EmulatorStats } from 'test/emulator/emulator.types';
import { baseEnv, Child, freePort, QUIET_WHEN_IDLE, startChild, waitForHttp } from './child';

const TS_NODE = ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'];

/** The vendor emulator running in its own process (so it does not share the load generator's event loop). */
export class EmulatorChild {
  private constructor(
    readonly url: string,
    readonly child: Child,
  ) {}

  /** Starts `test/emulator/main.ts` on a free loopback port and waits until it answers. */
  static async start(options: { latencyMs: number; chunkDelayMs: number; seed?: number; label: string }): Promise<EmulatorChild> {
    const port = await freePort();
    const env = {
      ...baseEnv(),
      EMULATOR_PORT: String(port),
      EMULATOR_HOST: '127.0.0.1',
      EMULATOR_LATENCY_MS: String(options.latencyMs),
      EMULATOR_CHUNK_DELAY_MS: String(options.chunkDelayMs),
      EMULATOR_SEED: String(options.seed ?? 1),
      TS_NODE_PROJECT: 'tsconfig.json',
    };
    const child = startChild(`emulator (${options.label})`, process.execPath, [...QUIET_WHEN_IDLE, ...TS_NODE, 'test/emulator/main.ts'], env);
    const url = `http://127.0.0.1:${port}`;
    await waitForHttp(`${url}/_emulator/health`, child, 60_000, (status) => status === 200);
    return new EmulatorChild(url, child);
  }

  /** Adds scripted rules (tried in order). */
  async script(rules: EmulatorRule[]): Promise<void> {
    const res = await fetch(`${this.url}/_emulator/script`, { method: 'POST', body: JSON.stringify(rules), headers: { 'content-type': 'application/json' } });
    if (res.status !== 200) throw new Error(`emulator refused the rules: ${await res.text()}`);
  }

  /** Drops rules and counters. */
  async reset(): Promise<void> {
    await (await fetch(`${this.url}/_emulator/reset`, { method: 'POST' })).arrayBuffer();
  }

  /** Counters of received and successfully answered requests. */
  async stats(): Promise<EmulatorStats> {
    return (await (await fetch(`${this.url}/_emulator/stats`)).json()) as EmulatorStats;
  }

  stop(): Promise<void> {
    return this.child.stop();
  }
}
