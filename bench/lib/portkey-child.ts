import { join } from 'node:path';
import { baseEnv, Child, freePort, QUIET_WHEN_IDLE, startChild, waitForHttp } from './child';

const START_SERVER = 'node_modules/@portkey-ai/gateway/build/start-server.js';

/** Portkey's open-source gateway (the devDependency) in its own process, as the comparison peer. */
export class PortkeyChild {
  private constructor(
    readonly url: string,
    readonly child: Child,
  ) {}

  static async start(): Promise<PortkeyChild> {
    const port = await freePort();
    const child = startChild('portkey gateway', process.execPath, [...QUIET_WHEN_IDLE, '-r', join(__dirname, 'portkey-mutable-headers.js'), START_SERVER, `--port=${port}`, '--headless'], {
      ...baseEnv(),
      NODE_ENV: 'production',
    });
    const url = `http://127.0.0.1:${port}`;
    await waitForHttp(`${url}/`, child, 60_000);
    return new PortkeyChild(url, child);
  }

  /** Headers routing a request through Portkey to the emulator as an OpenAI-wire custom host. */
  static headers(emulatorUrl: string): Record<string, string> {
    return { 'x-portkey-provider': 'openai', 'x-portkey-custom-host': `${emulatorUrl}/v1`, authorization: 'Bearer x' };
  }

  stop(): Promise<void> {
    return this.child.stop();
  }
}
