/**
 * Our service's own view of what it adds: the `llm_gateway_overhead_seconds` histogram (time from a request's
 * arrival to its settled answer, vendor calls left out; non-streamed requests only), read from /metrics before and
 * after a run. The load generator's added latency also holds the machine's scheduling and the sockets; this does not.
 */
const METRIC = 'llm_gateway_overhead_seconds_bucket';

/** Cumulative count per bucket bound in seconds (Infinity for +Inf), ascending. */
export type OverheadBuckets = Array<{ le: number; count: number }>;

export interface OverheadQuantiles {
  count: number;
  /** Upper bound in ms of the bucket holding the quantile (Infinity past the last finite bucket). */
  p50Ms: number;
  p99Ms: number;
}

export function parseOverheadBuckets(metricsText: string): OverheadBuckets {
  const buckets: OverheadBuckets = [];
  for (const match of metricsText.matchAll(new RegExp(`^${METRIC}\\{le="([^"]+)"\\} (\\d+)$`, 'gm'))) {
    buckets.push({ le: match[1] === '+Inf' ? Infinity : Number(match[1]), count: Number(match[2]) });
  }
  return buckets.sort((a, b) => a.le - b.le);
}

/** p50 and p99 of what was observed between two readings; undefined when nothing was. */
export function overheadBetween(before: OverheadBuckets, after: OverheadBuckets): OverheadQuantiles | undefined {
  const earlier = new Map(before.map((b) => [b.le, b.count]));
  const added = after.map((b) => ({ le: b.le, count: b.count - (earlier.get(b.le) ?? 0) }));
  const count = added.at(-1)?.count ?? 0;
  if (count <= 0) return undefined;
  const bound = (q: number) => (added.find((b) => b.count >= q * count)?.le ?? Infinity) * 1000;
  return { count, p50Ms: bound(0.5), p99Ms: bound(0.99) };
}

/** The service's /metrics text (the overhead histogram and the collections are both read from it). */
export async function readMetrics(serviceUrl: string): Promise<string> {
  const res = await fetch(`${serviceUrl}/metrics`, { signal: AbortSignal.timeout(10_000) });
  return res.text();
}

/** "≤ 0.5 ms", or "past the last bucket". */
export function formatBound(ms: number): string {
  return Number.isFinite(ms) ? `≤ ${ms} ms` : 'past the last bucket';
}
