import { Pool } from 'undici';
import { SampleBuffer, summarise } from './latency-stats';
import type { LoadResult, LoadSpec } from './load';

/** Longest the pacer sleeps between checks; each wake-up sends every request that has fallen due. */
const TICK_MS = 1;

/**
 * Open-loop load at a fixed rate: request i is due at start + i / rate and is sent then, whatever is still in
 * flight (autocannon's `overallRate` instead lets each connection send its share back to back at the top of
 * every second, a burst that measures queueing, not added latency). Latency runs from the moment a request
 * falls due to the end of its body, so time spent waiting for a free connection or a late timer counts too.
 */
export async function runPacedLoad(spec: LoadSpec & { overallRate: number }): Promise<LoadResult> {
  const url = new URL(spec.url);
  const pool = new Pool(url.origin, { connections: spec.connections, pipelining: 1, keepAliveTimeout: 30_000 });
  const headers = { 'content-type': 'application/json', ...spec.headers };
  const samples = new SampleBuffer();
  const counts = { ok: 0, non2xx: 0, errors: 0, timeouts: 0 };
  const total = Math.round(spec.overallRate * spec.durationS);
  const intervalMs = 1000 / spec.overallRate;
  const inFlight = new Set<Promise<void>>();
  const start = performance.now();

  const send = (dueAt: number) => {
    const done = pool
      .request({ path: url.pathname + url.search, method: 'POST', headers, body: spec.body, headersTimeout: (spec.timeoutS ?? 10) * 1000, bodyTimeout: (spec.timeoutS ?? 10) * 1000 })
      .then(async (response) => {
        await response.body.dump({ limit: Number.MAX_SAFE_INTEGER });
        if (response.statusCode >= 200 && response.statusCode < 300) {
          counts.ok++;
          samples.push(performance.now() - dueAt);
        } else counts.non2xx++;
      })
      .catch((error: { code?: string }) => {
        if (error.code === 'UND_ERR_HEADERS_TIMEOUT' || error.code === 'UND_ERR_BODY_TIMEOUT') counts.timeouts++;
        else counts.errors++;
      })
      .finally(() => inFlight.delete(done));
    inFlight.add(done);
  };

  let sent = 0;
  while (sent < total) {
    const elapsed = performance.now() - start;
    const due = Math.min(total, Math.floor(elapsed / intervalMs) + 1);
    while (sent < due) send(start + sent++ * intervalMs);
    if (sent < total) await new Promise((resolve) => setTimeout(resolve, Math.min(TICK_MS, start + sent * intervalMs - performance.now())));
  }
  await Promise.all(inFlight);
  const durationS = (performance.now() - start) / 1000;
  await pool.close();
  return { ...counts, durationS, rps: counts.ok / durationS, latency: summarise(samples.values()) };
}
