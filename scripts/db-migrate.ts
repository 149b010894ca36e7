/** Applies pending migrations to DATABASE_URL (the service also does this at start-up). */
import { applyMigrations } from 'src/infra/database';

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    process.stderr.write('DATABASE_URL is not set: nothing to migrate (the embedded database is migrated by `npm start`).\n');
    process.exit(2);
  }
  const report = await applyMigrations(url);
  process.stdout.write(`applied: ${report.applied.join(', ') || 'none'}; already applied: ${report.alreadyApplied.length}\n`);
}

main().catch((error) => {
  process.stderr.write(`migration failed: ${(error as Error).message}\n`);
  process.exit(1);
});
