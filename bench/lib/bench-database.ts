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
