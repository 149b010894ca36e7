import { secretDigest } from '../key-secret';
import { type CompanyBudgetSettings, checkCompanyBudget, checkKeySettings, type KeySettings } from '../key-settings';

/** One key of the config file: its settings and where its secret comes from (never the secret itself in the file). */
export interface ConfigKey {
  settings: KeySettings;
  secretSha256: string;
}

export interface KeysConfig {
  keys: ConfigKey[];
  companyBudgets: (CompanyBudgetSettings & { companyId: number })[];
}

export type ConfigCheck = { ok: true; config: KeysConfig } | { ok: false; problems: string[] };

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * Parses and checks the keys config file (JSON): `{ "keys": [...], "companyBudgets": [...] }`. A key takes
 * the admin API's create fields plus `secretSha256` (hex digest of the secret) or `secretEnv` (the name of an
 * environment variable holding the secret). Every problem is named with its place in the file.
 */
export function parseKeysConfig(text: string, env: Record<string, string | undefined>, now: Date): ConfigCheck {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [`not valid JSON: ${(error as Error).message}`] };
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, problems: ['the file must hold a JSON object with "keys" and/or "companyBudgets"'] };
  const problems: string[] = [];
  const root = raw as Record<string, unknown>;
  for (const field of Object.keys(root)) if (!['keys', 'companyBudgets'].includes(field)) problems.push(`${field}: unknown section; use keys, companyBudgets`);
  const keysRaw = root.keys ?? [];
  const budgetsRaw = root.companyBudgets ?? [];
  if (!Array.isArray(keysRaw)) problems.push('keys: must be a list');
  if (!Array.isArray(budgetsRaw)) problems.push('companyBudgets: must be a list');

  const keys: ConfigKey[] = [];
  const names = new Set<string>();
  for (const [index, entry] of (Array.isArray(keysRaw) ? keysRaw : []).entries()) {
    const where = `keys[${index}]${entry && typeof entry === 'object' && typeof (entry as { name?: unknown }).name === 'string' ? ` (${(entry as { name: string }).name})` : ''}`;
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
      problems.push(`${where}: must be an object`);
      continue;
    }
    const { secretSha256, secretEnv, ...settingsRaw } = entry as Record<string, unknown>;
    const secret = secretOf(secretSha256, secretEnv, env);
    if (typeof secret !== 'string' || !secret.startsWith('sha256:')) problems.push(`${where}.${secretEnv !== undefined ? 'secretEnv' : 'secretSha256'}: ${secret}`);
    const checked = checkKeySettings(settingsRaw, 'create', now);
    if (!checked.ok) for (const p of checked.problems) problems.push(`${where}.${p.field}: ${p.problems.join('; ')}`);
    const name = (settingsRaw as { name?: string }).name;
    if (name && names.has(name)) problems.push(`${where}.name: "${name}" appears twice`);
    if (name) names.add(name);
    if (checked.ok && secret.startsWith('sha256:')) keys.push({ settings: checked.value as KeySettings, secretSha256: secret.slice(7) });
  }

  const companyBudgets: KeysConfig['companyBudgets'] = [];
  const companies = new Set<number>();
  for (const [index, entry] of (Array.isArray(budgetsRaw) ? budgetsRaw : []).entries()) {
    const where = `companyBudgets[${index}]`;
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
      problems.push(`${where}: must be an object`);
      continue;
    }
    const { companyId, ...rest } = entry as Record<string, unknown>;
    if (!Number.isInteger(companyId) || (companyId as number) <= 0 || (companyId as number) > 2_147_483_647) problems.push(`${where}.companyId: must be a positive integer`);
    else if (companies.has(companyId as number)) problems.push(`${where}.companyId: company ${companyId} appears twice`);
    else companies.add(companyId as number);
    const checked = checkCompanyBudget(rest);
    if (!checked.ok) for (const p of checked.problems) problems.push(`${where}.${p.field}: ${p.problems.join('; ')}`);
    else if (Number.isInteger(companyId)) companyBudgets.push({ companyId: companyId as number, ...checked.value });
  }
  return problems.length ? { ok: false, problems } : { ok: true, config: { keys, companyBudgets } };
}

/** `sha256:<hex>` for a usable secret source, otherwise the problem. */
function secretOf(sha: unknown, envName: unknown, env: Record<string, string | undefined>): string {
  if (sha !== undefined && envName !== undefined) return 'give either secretSha256 or secretEnv, not both';
  if (envName !== undefined) {
    if (typeof envName !== 'string' || !/^[A-Z_][A-Z0-9_]*$/.test(envName)) return 'must name an environment variable (A-Z, 0-9, _)';
    const secret = env[envName];
    if (!secret || secret.length < 16) return `environment variable ${envName} must hold a secret of at least 16 characters`;
    return `sha256:${secretDigest(secret)}`;
  }
  if (typeof sha !== 'string' || !SHA256_HEX.test(sha)) return "must be the 64 lower-case hex digits of the secret's SHA-256 (or use secretEnv)";
  return `sha256:${sha}`;
}
