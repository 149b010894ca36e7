import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Pool, type QueryResultRow } from 'pg';
import { DatabaseConnection } from './database-connection';

/**
 * Plain `pg` queries for what runs at start-up and on every readiness probe (the keys directory, the bundled
 * seeds, the health check), so Prisma's client and its query-compiler wasm (~45 MB RSS, ~0.3 s) load only
 * when a feature first needs them. The pool keeps at most two connections and opens both when the app is built:
 * Postgres starts their backends (~20-30 ms each) while Nest is still wiring modules, instead of during the
 * start-up hooks' first queries.
 */
const POOL_SIZE = 2;

@Injectable()
export class SqlClient implements OnApplicationShutdown {
  private pool?: Pool;

  constructor(private readonly connection: DatabaseConnection) {
    this.pool = this.open();
    for (let i = 0; i < POOL_SIZE; i++)
      this.pool.connect().then(
        (client) => client.release(),
        () => undefined,
      );
  }

  async query<Row extends QueryResultRow>(text: string, values?: unknown[]): Promise<Row[]> {
    this.pool ??= this.open();
    return (await this.pool.query<Row>(text, values)).rows;
  }

  /** Runs a statement; returns the rows it affected. */
  async execute(text: string, values?: unknown[]): Promise<number> {
    this.pool ??= this.open();
    return (await this.pool.query(text, values)).rowCount ?? 0;
  }

  async onApplicationShutdown(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    await pool?.end().catch(() => undefined);
  }

  private open(): Pool {
    const pool = new Pool({ connectionString: this.connection.url, max: POOL_SIZE, connectionTimeoutMillis: 3_000, statement_timeout: 15_000 });
    pool.on('error', () => undefined);
    return pool;
  }
}
