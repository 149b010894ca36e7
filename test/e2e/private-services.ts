import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SCRIPT = join(__dirname, '../../scripts/services.sh');

/**
 * A Postgres and a Redis of the test's own (other ports, own data folder), for tests that stop and restart
 * them: the shared instances other test files use are never touched.
 */
export class PrivateServices {
  readonly dir = mkdtempSync(join(tmpdir(), 'gw-private-'));
  private readonly env: NodeJS.ProcessEnv;
  databaseUrl = '';
  redisUrl = '';

  constructor(pgPort: number, redisPort: number) {
    this.env = { ...process.env, SERVICES_DIR: this.dir, TEST_PG_PORT: String(pgPort), TEST_REDIS_PORT: String(redisPort) };
  }

  private run(command: string): string {
    return execFileSync('bash', [SCRIPT, command], { env: this.env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  }

  /** A Postgres and a Redis on ports the system has just found free. */
  static async onFreePorts(): Promise<PrivateServices> {
    return new PrivateServices(await freePort(), await freePort());
  }

  start(): this {
    const out = this.run('start');
    this.databaseUrl = /DATABASE_URL=(.*)/.exec(out)![1].trim();
    this.redisUrl = /REDIS_URL=(.*)/.exec(out)![1].trim();
    return this;
  }

  stopPostgres = () => void this.run('pg-stop');
  startPostgres = () => void this.run('pg-start');
  stopRedis = () => void this.run('redis-stop');
  startRedis = () => void this.run('redis-start');

  destroy(): void {
    try {
      this.run('stop');
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }
}

/** A loopback port nothing listens on now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Polls until `check` passes or the timeout expires (then throws its last error). */
export async function eventually(check: () => Promise<void>, timeoutMs = 20_000, intervalMs = 250): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  }
}
