/**
 * Who held the CPUs while a thread waited for one, from the kernel's scheduler trace (`perf sched record -a`, read
 * back with `perf sched timehist`). `bench:tail --sched` uses it on our main thread: a late event loop whose thread
 * was runnable but not running is the machine's doing, and this names whose.
 */

/** One run of a thread on a CPU, as `perf sched timehist` prints it when the thread leaves the CPU. */
export interface SchedRun {
  /** When the run ended (the trace's clock, ms). */
  endMs: number;
  cpu: number;
  comm: string;
  /** 0 for the idle task. */
  tid: number;
  /** The thread's process (its thread-group id); the tid itself for a main thread. */
  pid: number;
  /** From the wake-up to the start of this run: the wait for a CPU. */
  delayMs: number;
  runMs: number;
}

/** A span of the trace's clock, ms. */
export interface Span {
  startMs: number;
  endMs: number;
}

// "   15449.314650 [0001]  node[5098/5078]   4294.395   0.714   2.077" (tid/pid, or a lone tid for a main thread)
const RUN_LINE = /^\s*(\d+\.\d+)\s+\[(\d+)\]\s+(.+?)(?:\[(\d+)(?:\/(\d+))?\])?\s+(\d+\.\d+)\s+(\d+\.\d+)\s+(\d+\.\d+)\s*$/;

/** The runs in `perf sched timehist` output; its header and any other line are skipped. */
export function parseTimehist(text: string): SchedRun[] {
  const runs: SchedRun[] = [];
  for (const line of text.split('\n')) {
    const m = RUN_LINE.exec(line);
    if (!m) continue;
    const tid = m[4] === undefined ? 0 : Number(m[4]);
    runs.push({ endMs: Math.round(Number(m[1]) * 1e6) / 1e3, cpu: Number(m[2]), comm: m[3].trim(), tid, pid: m[5] === undefined ? tid : Number(m[5]), delayMs: Number(m[7]), runMs: Number(m[8]) });
  }
  return runs;
}

/** The waits of thread `tid` for a CPU longer than `overMs`, in order: each from its wake-up to the run that followed. */
export function waitsOf(runs: readonly SchedRun[], tid: number, overMs: number): Span[] {
  return runs
    .filter((run) => run.tid === tid && run.delayMs > overMs)
    .map((run) => ({ startMs: run.endMs - run.runMs - run.delayMs, endMs: run.endMs - run.runMs }))
    .sort((a, b) => a.startMs - b.startMs);
}

/**
 * How long each kind of thread ran inside `spans` (ms, summed over the CPUs, so it can pass the spans' length),
 * largest first. `labelOf` names a run's thread; runs it gives no name are left out.
 */
export function ranDuring(runs: readonly SchedRun[], spans: readonly Span[], labelOf: (run: SchedRun) => string | undefined): Array<{ label: string; ms: number }> {
  const totals = new Map<string, number>();
  for (const run of runs) {
    const start = run.endMs - run.runMs;
    // The first span that ends after this run starts (spans are one thread's waits: ordered, never overlapping).
    let low = 0;
    let high = spans.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (spans[mid].endMs <= start) low = mid + 1;
      else high = mid;
    }
    let overlap = 0;
    for (let i = low; i < spans.length && spans[i].startMs < run.endMs; i++) overlap += Math.min(run.endMs, spans[i].endMs) - Math.max(start, spans[i].startMs);
    if (overlap <= 0) continue;
    const label = labelOf(run);
    if (label !== undefined) totals.set(label, (totals.get(label) ?? 0) + overlap);
  }
  return [...totals].map(([label, ms]) => ({ label, ms })).sort((a, b) => b.ms - a.ms);
}
