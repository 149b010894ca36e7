// The fixed-rate load generator of the bench, in a process of its own (forked by paced-load.ts): plain
// JavaScript with a small heap, so neither ts-node's heap and collections nor the bench's own timers and /proc
// sampling delay the moment an answer is seen. Messages: { type: 'run', durationS } answers
// { type: 'result', counts, durationS, samples, slow } (latency of each 2xx answer in ms; with spec.slowOverMs, the
// wall-clock due time and latency of each answer slower than that, in pairs); { type: 'close' } ends it.
// The pool lives as long as the process: a warm-up run opens the connections the measured run then reuses.
const { Pool } = require('undici');

/** Longest the pacer sleeps between checks; each wake-up sends every request that has fallen due. */
const TICK_MS = 1;

const spec = JSON.parse(process.argv[2]);
const url = new URL(spec.url);
const pool = new Pool(url.origin, { connections: spec.connections, pipelining: 1, keepAliveTimeout: 30_000 });
const headers = Object.assign({ 'content-type': 'application/json' }, spec.headers);
const timeoutMs = (spec.timeoutS ?? 10) * 1000;

async function run(durationS) {
  const samples = new Float64Array(Math.ceil(spec.overallRate * durationS));
  let answered = 0;
  const slow = [];
  const counts = { ok: 0, non2xx: 0, errors: 0, timeouts: 0 };
  const total = Math.round(spec.overallRate * durationS);
  const intervalMs = 1000 / spec.overallRate;
  const inFlight = new Set();
  const start = performance.now();

  const send = (dueAt) => {
    const done = pool
      .request({ path: url.pathname + url.search, method: 'POST', headers, body: spec.body, headersTimeout: timeoutMs, bodyTimeout: timeoutMs })
      .then(async (response) => {
        await response.body.dump({ limit: Number.MAX_SAFE_INTEGER });
        if (response.statusCode >= 200 && response.statusCode < 300) {
          counts.ok++;
          const latencyMs = performance.now() - dueAt;
          samples[answered++] = latencyMs;
          if (spec.slowOverMs !== undefined && latencyMs > spec.slowOverMs) slow.push(performance.timeOrigin + dueAt, latencyMs);
        } else counts.non2xx++;
      })
      .catch((error) => {
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
  return { counts, durationS: (performance.now() - start) / 1000, samples: samples.subarray(0, answered), slow: Float64Array.from(slow) };
}

process.on('message', (message) => {
  if (message.type === 'run') {
    run(message.durationS).then((result) => process.send(Object.assign({ type: 'result' }, result)));
  } else if (message.type === 'close') {
    pool.close().finally(() => process.exit(0));
  }
});
process.send({ type: 'ready' });
