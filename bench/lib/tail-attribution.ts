import type { SlowAnswer } from './paced-load';

/** What lib/loop-stalls.js records in our process: a collection, or a turn of the event loop that came late. */
export interface LoopEvent {
  kind: 'stall' | 'scavenge' | 'mark-compact' | 'weak callbacks' | 'gc';
  /** Epoch milliseconds. */
  startMs: number;
  durationMs: number;
  /** Stalls only (Linux): how long the main thread ran, and waited on the run queue for a CPU, during the stall. */
  runMs?: number;
  waitMs?: number;
}

export const TAIL_CAUSES = [
  'mark-compact in our process',
  'scavenge in our process',
  'our loop late, main thread running',
  'our loop late, main thread waiting for a CPU',
  'our loop late (no scheduler figures)',
  'nothing seen in our process',
] as const;
export type TailCause = (typeof TAIL_CAUSES)[number];

export interface TailRow {
  cause: TailCause;
  answers: number;
  /** Of every answer of the run, not only the slow ones. */
  sharePct: number;
  medianMs: number;
  maxMs: number;
}

/**
 * Why each slow answer was slow, judged by what our process was doing while it was in flight: a collection first
 * (a mark-compact over a scavenge), else a late event loop split by whether the main thread ran or waited for a
 * CPU, else nothing we saw (the load generator, the emulator or the network stack). Behind an upstream that takes
 * `upstreamMs`, the middle of the answer's time is the vendor's wait, which an event of ours cannot lengthen: only
 * its first and last `latency - upstreamMs` count.
 */
export function causeOf(answer: SlowAnswer, events: readonly LoopEvent[], upstreamMs = 0): TailCause {
  const from = answer.dueMs;
  const to = answer.dueMs + answer.latencyMs;
  const excess = answer.latencyMs - upstreamMs;
  const windows: Array<[number, number]> =
    upstreamMs > 0 && excess > 0 && excess < upstreamMs
      ? [
          [from, from + excess],
          [from + upstreamMs, to],
        ]
      : [[from, to]];
  const overlaps = (event: LoopEvent) => windows.some(([start, end]) => event.startMs < end && event.startMs + event.durationMs > start);
  let stalled = false;
  let runMs = 0;
  let waitMs = 0;
  let measured = true;
  let scavenge = false;
  for (const event of events) {
    if (!overlaps(event)) continue;
    if (event.kind === 'mark-compact') return 'mark-compact in our process';
    if (event.kind === 'scavenge') scavenge = true;
    if (event.kind === 'stall') {
      stalled = true;
      if (event.runMs === undefined || event.waitMs === undefined) measured = false;
      runMs += event.runMs ?? 0;
      waitMs += event.waitMs ?? 0;
    }
  }
  if (scavenge) return 'scavenge in our process';
  if (!stalled) return 'nothing seen in our process';
  if (!measured) return 'our loop late (no scheduler figures)';
  return waitMs > runMs ? 'our loop late, main thread waiting for a CPU' : 'our loop late, main thread running';
}

/** The slow answers of a run grouped by cause, largest first; `answered` is every answer of the run. */
export function attributeTail(slow: readonly SlowAnswer[], events: readonly LoopEvent[], answered: number, upstreamMs = 0): TailRow[] {
  const sorted = [...events].sort((a, b) => a.startMs - b.startMs);
  const longest = sorted.reduce((most, e) => Math.max(most, e.durationMs), 0);
  const latencies = new Map<TailCause, number[]>();
  for (const answer of slow) {
    // Only events that can overlap the answer: those starting after its due time less the longest event.
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (sorted[mid].startMs < answer.dueMs - longest) low = mid + 1;
      else high = mid;
    }
    const near: LoopEvent[] = [];
    for (let i = low; i < sorted.length && sorted[i].startMs < answer.dueMs + answer.latencyMs; i++) near.push(sorted[i]);
    const cause = causeOf(answer, near, upstreamMs);
    const list = latencies.get(cause) ?? [];
    list.push(answer.latencyMs);
    latencies.set(cause, list);
  }
  return [...latencies]
    .map(([cause, values]) => {
      values.sort((a, b) => a - b);
      return { cause, answers: values.length, sharePct: (100 * values.length) / Math.max(1, answered), medianMs: values[Math.floor(values.length / 2)], maxMs: values[values.length - 1] };
    })
    .sort((a, b) => b.answers - a.answers);
}

export interface LoopSummary {
  stalls: number;
  stallMs: number;
  /** Of the stalls' time, how much the main thread ran and how much it waited for a CPU (undefined off Linux). */
  runMs?: number;
  waitMs?: number;
  scavenges: number;
  scavengeMeanMs: number;
  scavengeMaxMs: number;
  markCompacts: number;
  markCompactMs: number;
}

export function summariseLoop(events: readonly LoopEvent[]): LoopSummary {
  const stalls = events.filter((e) => e.kind === 'stall');
  const scavenges = events.filter((e) => e.kind === 'scavenge').map((e) => e.durationMs);
  const markCompacts = events.filter((e) => e.kind === 'mark-compact');
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const measured = stalls.every((s) => s.runMs !== undefined && s.waitMs !== undefined);
  return {
    stalls: stalls.length,
    stallMs: sum(stalls.map((s) => s.durationMs)),
    runMs: measured ? sum(stalls.map((s) => s.runMs!)) : undefined,
    waitMs: measured ? sum(stalls.map((s) => s.waitMs!)) : undefined,
    scavenges: scavenges.length,
    scavengeMeanMs: scavenges.length ? sum(scavenges) / scavenges.length : 0,
    scavengeMaxMs: scavenges.length ? Math.max(...scavenges) : 0,
    markCompacts: markCompacts.length,
    markCompactMs: sum(markCompacts.map((e) => e.durationMs)),
  };
}
