import { INDICATOR_KEYS, IndicatorKey, IndicatorSet, IndicatorValue } from './indicator-set';
import { addMonths } from './period';

/**
 * Indicators fixed by law rather than published each month (AFP 10 %, health 7 %, AFC rates, gratificación, APV
 * topes, the tax brackets in UTM): a month that has not been published yet keeps them with their own status.
 */
export const STATUTORY_KEYS: ReadonlySet<IndicatorKey> = new Set(['afpMandatoryPct', 'healthPct', 'afcRates', 'gratificacion', 'apvTopes', 'taxBrackets']);

/** `entry` as a value copied from `from` into a later month (statutory keys and gaps are returned unchanged). */
export function carriedValue<T>(key: IndicatorKey, entry: IndicatorValue<T>, from: string): IndicatorValue<T> {
  if (entry.value === null || STATUTORY_KEYS.has(key)) return entry;
  if (entry.status === 'carried_forward') return entry;
  const origin = entry.status === 'confirmed' ? '' : ` (allí: ${entry.status})`;
  return { ...entry, status: 'carried_forward', confirmed: false, carriedFrom: from, note: `arrastrado de ${from}${origin}: la fuente aún no publica este mes` };
}

/** The set of `period` built from the previous month's set, every published value marked carried_forward. */
export function carryForward(previous: IndicatorSet, period: string): IndicatorSet {
  const next = { ...previous, period } as IndicatorSet;
  for (const key of INDICATOR_KEYS) (next as unknown as Record<IndicatorKey, IndicatorValue<unknown>>)[key] = carriedValue(key, previous[key] as IndicatorValue<unknown>, previous.period);
  if (previous.healthSplit) next.healthSplit = carriedValue('healthSplit' as IndicatorKey, previous.healthSplit, previous.period);
  return next;
}

/** `set` with every missing value taken from the latest earlier set that has it, marked carried_forward; `earlier` newest first. */
export function fillGaps(set: IndicatorSet, earlier: readonly IndicatorSet[]): IndicatorSet {
  const filled = { ...set };
  const entries = filled as unknown as Record<IndicatorKey, IndicatorValue<unknown>>;
  for (const key of INDICATOR_KEYS) {
    if (entries[key].value !== null) continue;
    const donor = earlier.find((s) => s.period < set.period && s[key].value !== null);
    if (donor) entries[key] = carriedValue(key, donor[key] as IndicatorValue<unknown>, donor.period);
  }
  return filled;
}

/**
 * The months up to `currentPeriod` that are not stored (after the latest stored one, or a gap between stored ones),
 * each carried forward from the month before: what is served while the sources have not published.
 */
export function carriedForwardMonths(stored: ReadonlyMap<string, IndicatorSet>, currentPeriod: string): IndicatorSet[] {
  const first = [...stored.keys()].sort()[0];
  if (!first) return [];
  const months: IndicatorSet[] = [];
  let previous = stored.get(first)!;
  for (let period = addMonths(first, 1); period <= currentPeriod; period = addMonths(period, 1)) {
    const own = stored.get(period);
    previous = own ?? carryForward(previous, period);
    if (!own) months.push(previous);
  }
  return months;
}
