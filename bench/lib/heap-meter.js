/**
 * Preloaded into a measured process by `npm run bench:ab -- --heap`: counts the bytes its V8 heap allocates between
 * two SIGUSR2 signals and writes them to bench/results/heap-<pid>.json. Allocation is what sets how often the
 * scavenger runs (and so the GC share of CPU and the pauses behind tail latency); unlike CPU time on this shared
 * 2-core machine it does not move with the load of other processes, so a change of a few percent shows.
 * The count: used heap growth between collections (v8.GCProfiler's before/after figures), plus growth since the last.
 */
const v8 = require('node:v8');
const fs = require('node:fs');
const path = require('node:path');

let profiler;
let usedAtStart = 0;

function allocatedSince(startUsed, statistics, usedNow) {
  let allocated = 0;
  let usedAfterLast = startUsed;
  for (const gc of statistics) {
    allocated += Math.max(0, gc.beforeGC.heapStatistics.usedHeapSize - usedAfterLast);
    usedAfterLast = gc.afterGC.heapStatistics.usedHeapSize;
  }
  return allocated + Math.max(0, usedNow - usedAfterLast);
}

process.on('SIGUSR2', () => {
  if (!profiler) {
    profiler = new v8.GCProfiler();
    usedAtStart = v8.getHeapStatistics().used_heap_size;
    profiler.start();
    return;
  }
  const { statistics } = profiler.stop();
  profiler = undefined;
  const bytes = allocatedSince(usedAtStart, statistics, v8.getHeapStatistics().used_heap_size);
  const file = path.join(__dirname, '..', 'results', `heap-${process.pid}.json`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ allocatedBytes: bytes, collections: statistics.length }));
});

module.exports = { allocatedSince };
