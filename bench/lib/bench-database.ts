import { Client } from 'pg';

/** A database of its own on a Postgres server, created for one bench or chaos run and dropped after it. */
export class BenchDatabase {
  private constructor(
    private readonly serverUrl: string,
    readonly name: string,
    readonly url: string,
  ) {}

  /** Creates `gw_<prefix>_<time>_<pid>` on the server behind `serverUrl`. */
  static async create(serverUrl: string, prefix: string): Promise<BenchDatabase> {
    const name = `gw_${prefix}_${Date.now()}_${process.pid}`.replace(/[^a-z0-9_]/gi, '_');
    await withClient(serverUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return new BenchDatabase(serverUrl, name, url.toString());
  }

  /** Usage rows by provider, status and error kind. */
  async usageCounts(): Promise<Array<{ provider: string; status: string; errorKind: string | null; rows: number }>> {
    return withClient(this.url, async (client) => {
      const result = await client.query<{ provider: string; status: string; error_kind: string | null; rows: string }>(
        'SELECT provider, status, error_kind, count(*) AS rows FROM usage_records GROUP BY 1, 2, 3 ORDER BY 1, 2, 3',
      );
      return result.rows.map((r) => ({ provider: r.provider, status: r.status, errorKind: r.error_kind, rows: Number(r.rows) }));
    });
  }

  /**
   * Turns Postgres' autovacuum off for every table of this database (run after our service has migrated it). The
   * bench then runs the same maintenance itself between scenarios (`maintain`), so that a vacuum or analyse of the
   * rows a scenario inserted lands between measured windows instead of in whichever one passes the threshold.
   */
  async holdAutovacuum(): Promise<number> {
    return withClient(this.url, async (client) => {
      const tables = await client.query<{ name: string }>("SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = 'public'");
      for (const { name } of tables.rows) await client.query(`ALTER TABLE ${name} SET (autovacuum_enabled = off, toast.autovacuum_enabled = off)`);
      return tables.rows.length;
    });
  }

  /** `VACUUM (ANALYZE)` of the whole database; returns how long it took in ms. */
  async maintain(): Promise<number> {
    const started = performance.now();
    await withClient(this.url, (client) => client.query('VACUUM (ANALYZE)'));
    return performance.now() - started;
  }

  /** Drops the database (connections forced closed); never throws. */
  async drop(): Promise<void> {
    await withClient(this.serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${this.name}" WITH (FORCE)`)).catch(() => undefined);
  }
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}
