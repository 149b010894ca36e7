import { setFlagsFromString } from 'node:v8';

/** How many times larger V8 makes the young generation each time it grows it (V8's default: 2). */
const YOUNG_GENERATION_GROWTH = 16;

/**
 * Two V8 settings for the request path. Node refuses both in NODE_OPTIONS, so they are set here, before the app is
 * built, however the process is started (npm start, the image, Kubernetes).
 *
 * - Allocation-site pretenuring off. V8 starts allocating an object literal straight in the old generation once
 *   every object that site made was still alive at a young-generation GC. On the streaming path some sites reach
 *   that (their objects are alive at every scavenge); the tenured objects die with their request, but until the
 *   next mark-compact they keep every young object they point to alive through scavenges, and those are promoted in
 *   turn. Measured at a fixed 500 req/s of streams (bench/README.md, "Promotion"): 690 KB promoted per scavenge and
 *   a mark-compact every ~2.5 s with it, 125 KB and none in 10 s without it; p99 of the answers 20.6 → 6.7 ms.
 * - The young generation back to its full size (`--max-semi-space-size`) in one step. V8 shrinks it to its minimum
 *   at the first scavenge after a quiet spell and, by default, doubles it each time a capacity's worth of objects
 *   has survived: four steps, a few seconds of load. Meanwhile it scavenges every few milliseconds, requests still
 *   waiting on their vendor survive two scavenges and are promoted, and mark-compacts follow. Measured after 25 s
 *   without traffic, at 500 req/s behind a 50 ms upstream (bench/README.md, "Session 25"): 30 scavenges and 2
 *   mark-compacts in the 12 s after a 3 s warm-up, p99 59–65 ms; 17 and none, p99 55 ms, growing in one step.
 *   `--semi-space-growth-factor` on node's command line takes precedence.
 */
export function tuneGarbageCollector(): void {
  setFlagsFromString('--no-allocation-site-pretenuring');
  // V8 reads a flag's dashes and underscores alike.
  if (!process.execArgv.some((arg) => arg.replaceAll('_', '-').startsWith('--semi-space-growth-factor'))) {
    setFlagsFromString(`--semi-space-growth-factor=${YOUNG_GENERATION_GROWTH}`);
  }
}
