import { join } from 'node:path';
import { baseEnv, Child, freePort, startChild, waitForHttp } from './child';

/** The ~35-line Fastify + undici forwarder (floor-forwarder.js) in its own process, pointed at one emulator. */
export class FloorChild {
  private constructor(
    readonly url: string,
    readonly child: Child,
  ) {}

  static async start(upstream: string): Promise<FloorChild> {
    const port = await freePort();
    const child = startChild('floor forwarder', process.execPath, [join(__dirname, 'floor-forwarder.js'), String(port), upstream], { ...baseEnv(), NODE_ENV: 'production' });
    const url = `http://127.0.0.1:${port}`;
    await waitForHttp(`${url}/health`, child, 30_000, (status) => status === 200);
    return new FloorChild(url, child);
  }

  stop(): Promise<void> {
    return this.child.stop();
  }
}
