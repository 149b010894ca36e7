import { carriedValue, carryForward } from '../indicators/carry-forward';
import { INDICATOR_KEYS, IndicatorKey, IndicatorSet, IndicatorValue } from '../indicators/indicator-set';
import { indicatorSetIssues } from '../indicators/parse-indicator-set';
import type { FetchedValue, Refusal } from './indicator-collector';

type Entries = Record<IndicatorKey | 'healthSplit', IndicatorValue<unknown>>;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The month's base before fetched values are applied: its stored set, or the previous month carried forward; values still carried (or missing) are re-carried from the (possibly upgraded) previous month. */
export function monthBase(stored: IndicatorSet | undefined, previous: IndicatorSet | undefined, period: string): IndicatorSet | undefined {
  if (!stored) return previous ? carryForward(previous, period) : undefined;
  if (!previous) return stored;
  const base = { ...stored } as IndicatorSet;
  const entries = base as unknown as Entries;
  for (const key of INDICATOR_KEYS) {
    const own = entries[key];
    const before = previous[key] as IndicatorValue<unknown>;
    if ((own.status === 'carried_forward' || own.value === null) && before.value !== null) entries[key] = carriedValue(key, before, previous.period);
  }
  return base;
}

/**
 * Applies one month's fetched values to its base set. Values an admin imported (`imported`) are never replaced; a value
 * equal in value and status to what is there keeps its first fetch time and hash; a value that would make the set
 * invalid (out of range, UTA ≠ UTM × 12) is refused and the base value kept.
 */
export function applyFetched(base: IndicatorSet, fetched: readonly FetchedValue[]): { set: IndicatorSet; keptImported: Array<IndicatorKey | 'healthSplit'>; refusals: Refusal[] } {
  const set = { ...base } as IndicatorSet;
  const entries = set as unknown as Entries;
  const keptImported: Array<IndicatorKey | 'healthSplit'> = [];
  for (const item of fetched) {
    const current = entries[item.key] ?? { value: null, source: 'not published before', status: 'missing', confirmed: false };
    if (current.status === 'imported') {
      keptImported.push(item.key);
      continue;
    }
    const value = item.value === undefined ? current.value : item.value;
    if (value === null) continue;
    if (same(value, current.value) && current.status === item.status && current.source === item.source) continue;
    const next: IndicatorValue<unknown> = {
      value,
      source: item.source,
      status: item.status,
      confirmed: item.status === 'confirmed',
      sourceUrl: item.sourceUrl,
      fetchedAt: item.fetchedAt,
      sourceHash: item.sourceHash,
    };
    if (item.note) next.note = item.note;
    entries[item.key] = next;
  }
  const refusals: Refusal[] = [];
  for (const issue of indicatorSetIssues(set)) {
    const key = issue.field as IndicatorKey;
    if (!INDICATOR_KEYS.includes(key)) continue;
    refusals.push({ period: base.period, key, reason: `valor de la fuente rechazado: ${issue.message}` });
    entries[key] = (base as unknown as Entries)[key];
    if (key === 'uta' || key === 'utm') {
      entries.utm = (base as unknown as Entries).utm;
      entries.uta = (base as unknown as Entries).uta;
    }
  }
  return { set, keptImported: [...new Set(keptImported)], refusals };
}
