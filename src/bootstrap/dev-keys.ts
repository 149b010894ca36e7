import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AppConfig } from 'src/config';

/** Reads a key file, creating it with a random key (mode 600) the first time. */
function keyFile(dataDir: string, name: string): { key: string; path: string } {
  mkdirSync(resolve(dataDir), { recursive: true });
  const path = join(resolve(dataDir), name);
  if (!existsSync(path)) {
    writeFileSync(path, `${randomBytes(24).toString('base64url')}\n`, { mode: 0o600 });
    chmodSync(path, 0o600);
  }
  return { key: readFileSync(path, 'utf8').trim(), path };
}

/**
 * With no API key configured the service would be unusable, and a guessable default would be unsafe:
 * generate local keys under the data folder instead and say where they are (never what they are).
 */
export function ensureLocalKeys(config: AppConfig): string[] {
  const notes: string[] = [];
  if (config.auth.keys.length === 0) {
    const { key, path } = keyFile(config.database.dataDir, 'dev-api-key');
    config.auth.keys.push({ name: 'local', key, companies: null });
    notes.push(`no API_KEY/API_KEYS configured: using a generated local key stored in ${path}`);
  }
  if (!config.auth.adminKey) {
    const { key, path } = keyFile(config.database.dataDir, 'dev-admin-key');
    (config.auth as { adminKey?: string }).adminKey = key;
    notes.push(`no ADMIN_API_KEY configured: using a generated local admin key stored in ${path}`);
  }
  return notes;
}
