/** One configured API key: `API_KEY` (named `default`) or an `API_KEYS` entry. */
export interface ApiKeyEntry {
  name: string;
  key: string;
  /** Companies this key may act for; null = any. */
  companies: number[] | null;
}

/** Names the service gives its own keys: `admin` is ADMIN_API_KEY's caller, so a normal key by that name would share its sessions and limits. */
const RESERVED_NAMES = new Set(['admin']);

/** `API_KEY` (named `default`) then the `API_KEYS` entries, with every naming problem added to `problems`. */
export function configuredKeys(env: { API_KEY?: string; API_KEYS?: string; ADMIN_API_KEY?: string }, problems: string[]): ApiKeyEntry[] {
  const keys = parseApiKeys(env.API_KEYS, problems);
  if (env.API_KEY) keys.unshift({ name: 'default', key: env.API_KEY, companies: null });
  checkKeyIdentities(keys, env.ADMIN_API_KEY, problems);
  return keys;
}

/** Parses `name:key` or `name:key:1|2` pairs separated by commas. */
function parseApiKeys(raw: string | undefined, problems: string[]): ApiKeyEntry[] {
  if (!raw) return [];
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .flatMap((entry, index) => {
      const [name, key, companies] = entry.split(':');
      if (!name || !key || key.length < 16) {
        problems.push(`  - API_KEYS: entry ${index + 1} must be name:key (key of at least 16 characters), optionally name:key:companyId|companyId`);
        return [];
      }
      const ids = companies ? companies.split('|').map(Number) : null;
      if (ids && ids.some((id) => !Number.isInteger(id) || id <= 0)) {
        problems.push(`  - API_KEYS: entry ${index + 1} (${name}) has company ids that are not positive integers`);
        return [];
      }
      return [{ name, key, companies: ids }];
    });
}

/**
 * Every key needs its own name and its own value: sessions, limits and cost rows are kept per key name, and a
 * shared value would make the caller ambiguous. Problems name the keys, never their values.
 */
function checkKeyIdentities(keys: ApiKeyEntry[], adminKey: string | undefined, problems: string[]): void {
  const names = new Map<string, number>();
  for (const { name } of keys) names.set(name, (names.get(name) ?? 0) + 1);
  for (const [name, count] of names) {
    if (RESERVED_NAMES.has(name)) problems.push(`  - API_KEYS: the name "${name}" is reserved for ADMIN_API_KEY; rename that key`);
    else if (count > 1) problems.push(`  - API_KEYS: the name "${name}" is used by ${count} keys${name === 'default' ? ' (API_KEY is named "default")' : ''}; every key needs its own name`);
  }
  const owners = new Map<string, string[]>();
  for (const { name, key } of [...keys, ...(adminKey ? [{ name: 'ADMIN_API_KEY', key: adminKey }] : [])]) owners.set(key, [...(owners.get(key) ?? []), name]);
  for (const sharing of owners.values()) {
    if (sharing.length > 1) problems.push(`  - API_KEYS: the keys named ${sharing.map((n) => `"${n}"`).join(', ')} have the same value; every key needs its own value`);
  }
}
