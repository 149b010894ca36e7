import { join } from 'node:path';
import { baseEnv, Child, freePort, QUIET_WHEN_IDLE, startChild, waitForHttp } from './child';

/** The ~35-line Fastify + undici forwarder (floor-forwarder.js) in its own process, pointed at one emulator. */
export class FloorChild {
  private constructor(
    readonly url: string,
    readonly child: Child,
  ) {}

  /** With `cpuProfileDir`, the forwarder writes a CPU profile there when it stops (V8's name for it holds the pid). */
  static async start(upstream: string, cpuProfileDir?: string): Promise<FloorChild> {
    const port = await freePort();
    const profile = cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`] : [];
    const args = [...QUIET_WHEN_IDLE, ...profile, join(__dirname, 'floor-forwarder.js'), String(port), upstream];
    const child = startChild('floor forwarder', process.execPath, args, { ...baseEnv(), NODE_ENV: 'production' });
    const url = `http://127.0.0.1:${port}`;
    await waitForHttp(`${url}/health`, child, 30_000, (status) => status === 200);
    return new FloorChild(url, child);
  }

  stop(): Promise<void> {
    return this.child.stop();
  }
}
