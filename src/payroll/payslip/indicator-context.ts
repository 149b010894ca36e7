import { HealthSplit, IndicatorKey, IndicatorSet, IndicatorStatus } from '../indicators/indicator-set';
import { nearestPeriod } from '../indicators/period';

type ValueOf<K extends IndicatorKey> = NonNullable<IndicatorSet[K]['value']>;

/** An indicator value as used by the validator, with the period it really came from. */
export interface UsedIndicator<K extends IndicatorKey = IndicatorKey> {
  key: K;
  value: ValueOf<K>;
  period: string;
  status: IndicatorStatus;
  fallback: boolean;
  /** For a carried_forward value: the month it was copied from. */
  carriedFrom?: string;
}

/** Indicators of the period a slip is checked against; a missing value falls back to the closest period that has it. */
export class IndicatorContext {
  readonly periodUsed: string | null;
  private readonly used = new Map<IndicatorKey, UsedIndicator>();
  private readonly ordered: string[];

  constructor(
    private readonly sets: ReadonlyMap<string, IndicatorSet>,
    readonly requested: string,
  ) {
    this.periodUsed = nearestPeriod(requested, sets.keys());
    this.ordered = [...sets.keys()].sort();
  }

  /** Returns the value for `key`, falling back to earlier (then later) periods; null when no period has it. */
  get<K extends IndicatorKey>(key: K): UsedIndicator<K> | null {
    if (this.periodUsed === null) return null;
    const cached = this.used.get(key);
    if (cached) return cached as UsedIndicator<K>;
    const index = this.ordered.indexOf(this.periodUsed);
    const search = [...this.ordered.slice(0, index + 1).reverse(), ...this.ordered.slice(index + 1)];
    for (const period of search) {
      const entry = this.sets.get(period)![key];
      if (entry.value !== null) {
        const used: UsedIndicator<K> = { key, value: entry.value as ValueOf<K>, period, status: entry.status, fallback: period !== this.periodUsed };
        if (entry.carriedFrom) used.carriedFrom = entry.carriedFrom;
        this.used.set(key, used);
        return used;
      }
    }
    return null;
  }

  /** The Fonasa/CCAF split of the period, or of the latest earlier period that publishes it; null when none does. */
  healthSplit(): { value: HealthSplit; period: string; status: IndicatorStatus; source: string } | null {
    if (this.periodUsed === null) return null;
    for (const period of this.ordered.filter((p) => p <= this.periodUsed!).reverse()) {
      const entry = this.sets.get(period)!.healthSplit;
      if (entry?.value) return { value: entry.value, period, status: entry.status, source: entry.source };
    }
    return null;
  }

  /** Every value read so far, for reporting which were unofficial or borrowed from another month. */
  usedValues(): UsedIndicator[] {
    return [...this.used.values()];
  }

  /** Distinct values a key takes across all known periods (to recognise an outdated rate). */
  historicalValues<K extends IndicatorKey>(key: K): Array<{ period: string; value: ValueOf<K> }> {
    return this.ordered.map((period) => ({ period, value: this.sets.get(period)![key].value as ValueOf<K> | null })).filter((v): v is { period: string; value: ValueOf<K> } => v.value !== null);
  }
}
