import { INDICATOR_KEYS, IndicatorKey, IndicatorSet } from './indicator-set';

/** Whether an import created a period, changed it, or left it as it was. */
export type IndicatorChangeKind = 'created' | 'updated' | 'unchanged';

/** What an import did to one period. */
export interface PeriodChange {
  period: string;
  action: IndicatorChangeKind;
  /** Indicator keys whose value or status differ from what was stored before. */
  changed: IndicatorKey[];
}

/** JSON with object keys sorted, so data read back from JSONB (which reorders keys) compares equal. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record)
      .sort()
      .filter((k) => record[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical(record[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** Compares a stored set (null when the period is new) with its replacement, by value and status of each indicator. */
export function describeChange(period: string, before: IndicatorSet | null, after: IndicatorSet): PeriodChange {
  if (before === null) return { period, action: 'created', changed: [...INDICATOR_KEYS] };
  const changed = INDICATOR_KEYS.filter((key) => canonical(before[key]?.value) !== canonical(after[key]?.value) || before[key]?.status !== after[key]?.status);
  return { period, action: changed.length > 0 ? 'updated' : 'unchanged', changed };
}
