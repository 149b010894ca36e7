import { INDICATOR_KEYS } from './indicator-set';
import type { IndicatorIssue } from './parse-indicator-set';

/** Members of a set besides the indicator keys: the period and the optional Fonasa/CCAF split. */
const SET_MEMBERS = new Set<string>(['period', 'healthSplit', ...INDICATOR_KEYS]);
const ENTRY_MEMBERS = new Set(['value', 'source', 'status', 'confirmed', 'note', 'sourceUrl', 'fetchedAt', 'sourceHash', 'carriedFrom']);

/** Edit distance, stopping early above `limit`. */
function distance(a: string, b: string, limit = 2): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = row;
  }
  return previous[b.length];
}

/** The closest known name within two edits (ties: the one of the same length), or undefined. */
function nearMiss(name: string, known: ReadonlySet<string>): string | undefined {
  const scored = [...known].map((k) => ({ k, d: distance(name.toLowerCase(), k.toLowerCase()), len: Math.abs(k.length - name.length) })).filter((x) => x.d <= 2);
  return scored.sort((a, b) => a.d - b.d || a.len - b.len)[0]?.k;
}

/**
 * Keys of an imported JSON set no indicator reads. A key within two edits of a known one ('utf', 'valor') is a typo
 * and rejected, since storing it would silently leave the real indicator as it was; any other key (a new Previred
 * figure, an operator's note) is kept in the stored set and reported.
 */
export function unknownKeys(candidate: unknown): { misspelt: IndicatorIssue[]; kept: IndicatorIssue[] } {
  const out = { misspelt: [] as IndicatorIssue[], kept: [] as IndicatorIssue[] };
  if (candidate === null || typeof candidate !== 'object' || Array.isArray(candidate)) return out;
  const set = candidate as Record<string, unknown>;
  const period = typeof set.period === 'string' ? set.period : undefined;
  const classify = (field: string, name: string, known: ReadonlySet<string>, what: string) => {
    const close = nearMiss(name, known);
    if (close) out.misspelt.push({ period, field, message: `unknown ${what}: did you mean '${close}'? (check the spelling)` });
    else out.kept.push({ period, field, message: `unknown ${what}: kept as given` });
  };
  for (const key of Object.keys(set)) {
    if (!SET_MEMBERS.has(key)) {
      classify(key, key, SET_MEMBERS, 'field');
      continue;
    }
    const entry = set[key];
    if (key === 'period' || entry === null || typeof entry !== 'object' || Array.isArray(entry)) continue;
    for (const member of Object.keys(entry)) if (!ENTRY_MEMBERS.has(member)) classify(`${key}.${member}`, member, ENTRY_MEMBERS, 'member');
  }
  return out;
}
