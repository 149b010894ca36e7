import { Client } from 'pg';
import { createScratchDatabase } from './scratch-database';

/**
 * Creates one fresh database for this test run on the real Postgres started by scripts/with-services.sh
 * (TEST_DATABASE_URL), so runs never see each other's rows. Workers read E2E_DATABASE_URL.
 */
export default async function globalSetup(): Promise<void> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error('TEST_DATABASE_URL is not set: run the tests through `npm test` (scripts/with-services.sh starts Postgres and Redis)');
  if (!process.env.TEST_REDIS_URL) throw new Error('TEST_REDIS_URL is not set: run the tests through `npm test`');
  const admin = new Client({ connectionString: base });
  await admin.connect();
  // Drop databases left by runs that ended long ago; never those of runs that may still be going.
  const old = await admin.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'gw_e2e_%'");
  for (const row of old.rows) {
    const startedAt = Number(/^gw_e2e_(\d+)_/.exec(row.datname)?.[1]);
    if (startedAt && Date.now() - startedAt > 3 * 3_600_000) await admin.query(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`).catch(() => undefined);
  }
  await admin.end();
  process.env.E2E_DATABASE_URL = (await createScratchDatabase('gw_e2e', base)).url;
}
