import { join } from 'node:path';
import type { AppConfig } from 'src/config';
import { applyMigrations, DatabaseConnection } from 'src/infra/database';

export interface ResolvedDatabase {
  connection: DatabaseConnection;
  stop(): Promise<void>;
}

/** Uses DATABASE_URL when set, otherwise an embedded PGlite under DATA_DIR; then applies pending migrations. */
export async function resolveDatabase(config: AppConfig): Promise<ResolvedDatabase> {
  if (config.database.url) {
    const migrations = await applyMigrations(config.database.url);
    return { connection: new DatabaseConnection(config.database.url, 'server', config.database.poolSize, migrations), stop: async () => undefined };
  }
  // Loaded only in embedded mode: PGlite is large and a server deployment never needs it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { startEmbeddedPostgres } = require('src/infra/database/embedded-postgres') as typeof import('src/infra/database/embedded-postgres');
  const embedded = await startEmbeddedPostgres(join(config.database.dataDir, 'pglite'));
  try {
    const migrations = await applyMigrations(embedded.url);
    // PGlite runs one query at a time; a small pool avoids queueing connections it would refuse.
    return { connection: new DatabaseConnection(embedded.url, 'embedded', 4, migrations), stop: () => embedded.stop() };
  } catch (error) {
    await embedded.stop();
    throw error;
  }
}
