/**
 * Preloaded into our service by `npm run bench:tail`: records, between two SIGUSR2 signals, every garbage collection
 * (perf_hooks 'gc' entries) and every moment the event loop was late: a 2 ms interval timer that fires more than
 * 3 ms late. For each late turn it also reads how long the main thread ran and how long it waited on the run queue
 * for a CPU meanwhile (/proc/thread-self/schedstat, Linux), which tells a process busy with its own work from one
 * the machine did not let run. Written to bench/results/stalls-<pid>.json at the second signal.
 * The timer wakes the loop 500 times a second; that costs ~0.5 % of a core, and it is only loaded by the tool.
 */
const fs = require('node:fs');
const path = require('node:path');
const { constants } = require('node:perf_hooks');

const TICK_MS = 2;
const LATE_MS = 3;
const GC_KINDS = {
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'mark-compact',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'mark-compact',
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'scavenge',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weak callbacks',
};

/** Milliseconds the main thread has run and waited for a CPU since it started, or undefined off Linux. */
function schedulerClock() {
  try {
    schedstat = fs.openSync('/proc/thread-self/schedstat', 'r');
  } catch {
    return () => undefined;
  }
  const buffer = Buffer.alloc(96);
  return () => {
    const [runNs, waitNs] = buffer.toString('latin1', 0, fs.readSync(schedstat, buffer, 0, buffer.length, 0)).split(' ');
    return { runMs: Number(runNs) / 1e6, waitMs: Number(waitNs) / 1e6 };
  };
}

let events;
let timer;
let schedstat;
const observer = new PerformanceObserver((list) => {
  if (!events) return;
  for (const entry of list.getEntries()) {
    events.push({ kind: GC_KINDS[entry.detail?.kind] ?? 'gc', startMs: performance.timeOrigin + entry.startTime, durationMs: entry.duration });
  }
});

function start() {
  events = [];
  const clock = schedulerClock();
  let lastAt = performance.now();
  let lastClock = clock();
  observer.observe({ entryTypes: ['gc'] });
  timer = setInterval(() => {
    const now = performance.now();
    const nowClock = clock();
    const lateMs = now - lastAt - TICK_MS;
    if (lateMs > LATE_MS) {
      const stall = { kind: 'stall', startMs: performance.timeOrigin + lastAt, durationMs: now - lastAt };
      if (nowClock && lastClock) Object.assign(stall, { runMs: nowClock.runMs - lastClock.runMs, waitMs: nowClock.waitMs - lastClock.waitMs });
      events.push(stall);
    }
    lastAt = now;
    lastClock = nowClock;
  }, TICK_MS);
}

function stop() {
  clearInterval(timer);
  observer.disconnect();
  if (schedstat !== undefined) fs.closeSync(schedstat);
  schedstat = undefined;
  const file = path.join(__dirname, '..', 'results', `stalls-${process.pid}.json`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(events));
  events = undefined;
}

process.on('SIGUSR2', () => (events ? stop() : start()));
