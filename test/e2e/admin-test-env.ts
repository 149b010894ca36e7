import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from './private-services';
import { createScratchDatabase } from './scratch-database';

/**
 * A database and a Redis of the admin suites' own, so exact figures (costs, breakers, quotas) are not
 * disturbed by suites running in parallel on the shared services, and ours do not disturb them.
 */
export interface PrivateServices {
  databaseUrl: string;
  redisUrl: string;
  /** Runs SQL on the private database. */
  sql<T extends object = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  stop(): Promise<void>;
}

/** Creates `gw_admin_e2e_*` on TEST_DATABASE_URL's server and starts redis-server on a free port (scripts/services.sh). */
export async function startPrivateServices(): Promise<PrivateServices> {
  const base = process.env.TEST_DATABASE_URL;
  const script = process.env.TEST_SERVICES_SCRIPT;
  if (!base || !script) throw new Error('run through scripts/with-services.sh (TEST_DATABASE_URL, TEST_SERVICES_SCRIPT)');
  const database = await createScratchDatabase('gw_admin_e2e', base);
  const db = new Client({ connectionString: database.url });
  await db.connect();

  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'gw-admin-redis-'));
  const env = { ...process.env, SERVICES_DIR: dir, TEST_REDIS_PORT: String(port) };
  execFileSync('bash', [script, 'redis-start'], { env, stdio: 'ignore' });

  return {
    databaseUrl: database.url,
    redisUrl: `redis://127.0.0.1:${port}`,
    sql: async <T extends object>(text: string, params?: unknown[]) => (await db.query(text, params)).rows as T[],
    async stop() {
      await db.end();
      execFileSync('bash', [script, 'redis-stop'], { env, stdio: 'ignore' });
      rmSync(dir, { recursive: true, force: true });
      await database.drop();
    },
  };
}

/** Columns of one usage row a test inserts; everything else gets a plain default. */
export interface UsageRowSeed {
  createdAt: string;
  provider: string;
  costUsd: string;
  latencyMs?: number;
  status?: string;
  model?: string;
  operation?: string;
  apiKeyName?: string;
  companyId?: number | null;
  inputTokens?: number;
  outputTokens?: number;
}

let seq = 0;

/** Inserts usage rows straight into usage_records (the gateway's writer is not involved). */
export async function insertUsage(services: PrivateServices, rows: UsageRowSeed[]): Promise<void> {
  for (const r of rows) {
    seq += 1;
    await services.sql(
      `INSERT INTO usage_records (row_id, request_id, created_at, api_key_name, company_id, operation, route, provider, model, input_tokens, output_tokens, cost_usd, latency_ms, status)
       VALUES ($1, $1, $2, $3, $4, $5, '/v1/chat/completions', $6, $7, $8, $9, $10::numeric, $11, $12)`,
      [
        `seed-${Date.now()}-${seq}`,
        r.createdAt,
        r.apiKeyName ?? 'default',
        r.companyId ?? null,
        r.operation ?? 'chat',
        r.provider,
        r.model ?? `${r.provider}-model`,
        r.inputTokens ?? 10,
        r.outputTokens ?? 5,
        r.costUsd,
        r.latencyMs ?? 100,
        r.status ?? 'success',
      ],
    );
  }
}
