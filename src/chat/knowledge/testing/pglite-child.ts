import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';

// PGlite loads its runtime with dynamic import(), which Jest's VM refuses without --experimental-vm-modules,
// so specs talk to an in-memory PGlite (with unaccent loaded) running in a plain Node child over JSON lines.
const CHILD_SCRIPT = `
const { PGlite } = require('@electric-sql/pglite');
const { unaccent } = require('@electric-sql/pglite/contrib/unaccent');
const readline = require('node:readline');
(async () => {
  const db = await PGlite.create({ extensions: { unaccent } });
  const send = (message) => process.stdout.write(JSON.stringify(message) + '\\n');
  send({ id: 0, rows: [] });
  for await (const line of readline.createInterface({ input: process.stdin })) {
    const { id, sql, params, exec } = JSON.parse(line);
    try {
      const rows = exec ? (await db.exec(sql), []) : (await db.query(sql, params)).rows;
      send({ id, rows });
    } catch (error) {
      send({ id, error: String(error && error.message ? error.message : error) });
    }
  }
  await db.close();
})().catch((error) => { process.stderr.write(String(error && error.stack ? error.stack : error)); process.exit(1); });
`;

interface Reply {
  id: number;
  rows?: Record<string, unknown>[];
  error?: string;
}

/** An in-memory PGlite in a child process, for specs that need real Postgres SQL. */
export class PgliteChild {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (rows: Record<string, unknown>[]) => void; reject: (e: Error) => void }>();

  private constructor(private readonly child: ChildProcessWithoutNullStreams) {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const reply = JSON.parse(line) as Reply;
      const waiter = this.pending.get(reply.id);
      if (!waiter) return;
      this.pending.delete(reply.id);
      if (reply.error !== undefined) waiter.reject(new Error(reply.error));
      else waiter.resolve(reply.rows ?? []);
    });
  }

  /** Spawns the child from `cwd` (where node_modules resolves) and waits until PGlite is ready. */
  static async start(cwd = process.cwd()): Promise<PgliteChild> {
    const child = spawn(process.execPath, ['-e', CHILD_SCRIPT], { cwd, stdio: 'pipe' });
    const instance = new PgliteChild(child);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const ready = new Promise<Record<string, unknown>[]>((resolve, reject) => {
      instance.pending.set(0, { resolve, reject });
      child.once('exit', (code) => {
        for (const waiter of instance.pending.values()) waiter.reject(new Error(`PGlite child exited (${code}): ${stderr}`));
        instance.pending.clear();
      });
    });
    await ready;
    return instance;
  }

  /** Runs one or more statements without parameters. */
  async exec(sql: string): Promise<void> {
    await this.send({ sql, exec: true });
  }

  /** Runs one parameterized statement and returns its rows. */
  query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.send({ sql, params }) as Promise<T[]>;
  }

  /** Closes PGlite and waits for the child to exit. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.stdin.end();
    await exited;
  }

  private send(message: { sql: string; params?: unknown[]; exec?: boolean }): Promise<Record<string, unknown>[]> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.stdin.write(`${JSON.stringify({ id, ...message })}\n`);
    });
  }
}
