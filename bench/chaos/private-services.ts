import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { rmSync } from 'node:fs';
import { join } from 'node:path';

const SCRIPT = join(__dirname, '../../scripts/services.sh');

/** A Postgres and a Redis of the chaos run's own (SERVICES_DIR=/tmp/chaos-<pid>, other ports), safe to stop and start. */
export class ChaosServices {
  readonly dir = `/tmp/chaos-${process.pid}`;
  private readonly env: NodeJS.ProcessEnv;
  databaseUrl = '';
  redisUrl = '';

  constructor(pgPort: number, redisPort: number) {
    this.env = { ...process.env, SERVICES_DIR: this.dir, TEST_PG_PORT: String(pgPort), TEST_REDIS_PORT: String(redisPort) };
  }

  private run(command: string): string {
    return execFileSync('bash', [SCRIPT, command], { env: this.env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
  }

  /** Starts both (initialising the Postgres data folder the first time). */
  start(): this {
    const out = this.run('start');
    this.databaseUrl = /DATABASE_URL=(.*)/.exec(out)![1].trim();
    this.redisUrl = /REDIS_URL=(.*)/.exec(out)![1].trim();
    return this;
  }

  /** Runs a services.sh command without blocking the event loop (the load keeps flowing meanwhile). */
  private async runAsync(command: string): Promise<void> {
    await promisify(execFile)('bash', [SCRIPT, command], { env: this.env, timeout: 120_000 });
  }

  stopPostgres = (): Promise<void> => this.runAsync('pg-stop');
  startPostgres = (): Promise<void> => this.runAsync('pg-start');
  stopRedis = (): Promise<void> => this.runAsync('redis-stop');
  startRedis = (): Promise<void> => this.runAsync('redis-start');

  /** Stops both and removes the folder; never throws. */
  destroy(): void {
    try {
      this.run('stop');
    } catch {
      // already stopped
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
