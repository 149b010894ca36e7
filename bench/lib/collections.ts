/**
 * Our service's garbage collections during a window, from prom-client's `nodejs_gc_duration_seconds` histogram
 * (its default metrics, on in production) read from /metrics before and after. A window with mark-compacts in it is
 * one whose tail holds their pauses; the count says so in every run, without a profiler or a trace flag.
 */
const METRIC = /^nodejs_gc_duration_seconds_(count|sum)\{kind="(\w+)"\} ([\d.e+-]+)$/gm;

/** Per V8 collection kind (minor, major, incremental, weakcb): how many there were and their seconds in all, since start. */
export type CollectionTotals = Map<string, { count: number; seconds: number }>;

/** What a window held: scavenges and mark-compacts (V8's "major"), each with its pauses' milliseconds in all. */
export interface WindowCollections {
  scavenges: number;
  scavengeMs: number;
  markCompacts: number;
  markCompactMs: number;
}

export function parseCollections(metricsText: string): CollectionTotals {
  const totals: CollectionTotals = new Map();
  for (const [, field, kind, value] of metricsText.matchAll(METRIC)) {
    const entry = totals.get(kind) ?? { count: 0, seconds: 0 };
    if (field === 'count') entry.count = Number(value);
    else entry.seconds = Number(value);
    totals.set(kind, entry);
  }
  return totals;
}

/** The collections between two readings; undefined when the metric is absent (default metrics off). */
export function collectionsBetween(before: CollectionTotals, after: CollectionTotals): WindowCollections | undefined {
  if (after.size === 0) return undefined;
  const added = (kind: string) => {
    const a = after.get(kind) ?? { count: 0, seconds: 0 };
    const b = before.get(kind) ?? { count: 0, seconds: 0 };
    return { count: a.count - b.count, ms: (a.seconds - b.seconds) * 1000 };
  };
  const minor = added('minor');
  const major = added('major');
  return { scavenges: minor.count, scavengeMs: minor.ms, markCompacts: major.count, markCompactMs: major.ms };
}

/** "17 scavenges (21 ms), 0 mark-compacts". */
export function formatCollections(c: WindowCollections): string {
  const marks = c.markCompacts ? `${c.markCompacts} mark-compact${c.markCompacts === 1 ? '' : 's'} (${c.markCompactMs.toFixed(0)} ms)` : '0 mark-compacts';
  return `${c.scavenges} scavenges (${c.scavengeMs.toFixed(0)} ms), ${marks}`;
}
