import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { BenchDatabase } from './lib/bench-database';
import { sleep } from './lib/child';
import { EmulatorChild } from './lib/emulator-child';
import { PacedLoad } from './lib/paced-load';
import { requestBody } from './lib/scenarios';
import { ensureFreshBuild, ServiceChild } from './lib/service-child';
import { cpuTicks, stealPctSince } from './lib/quiet-machine';
import { SCHED_WAIT_OVER_MS, SchedTrace, SchedWaits } from './lib/sched-trace';
import { attributeTail, LoopEvent, summariseLoop } from './lib/tail-attribution';

const USAGE = 'usage: npm run bench:tail -- [--rate <req/s>=500] [--duration <s>=30] [--warmup <s>=5] [--stream] [--upstream-ms <ms>=0] [--slow-ms <ms>=5] [--sched] [--env KEY=VALUE]...';
const log = (line: string) => process.stdout.write(`[tail] ${line}\n`);
const LOOP_STALLS = join(__dirname, 'lib', 'loop-stalls.js');
const RESULTS = join(__dirname, 'results');

/**
 * Where the slow answers at a fixed rate come from. Paces `/v1/chat/completions` through our service (with
 * lib/loop-stalls.js preloaded) and then straight to the emulator, and sorts every answer of ours slower than
 * --slow-ms beyond the upstream's own delay by what our process was doing while it was in flight: a collection,
 * an event loop that came late (with the main thread running, or waiting for a CPU), or nothing we saw.
 */
async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const env: Record<string, string> = {};
  let rate = 500;
  let durationS = 30;
  let warmupS = 5;
  let stream = false;
  let upstreamMs = 0;
  let slowMs = 5;
  let sched = false;
  for (let i = 0; i < argv.length; i++) {
    const number = () => {
      const value = Number(argv[++i]);
      if (!Number.isFinite(value) || value < 0) throw new Error(`${argv[i - 1]} needs a number\n${USAGE}`);
      return value;
    };
    if (argv[i] === '--rate') rate = number();
    else if (argv[i] === '--duration') durationS = number();
    else if (argv[i] === '--warmup') warmupS = number();
    else if (argv[i] === '--stream') stream = true;
    else if (argv[i] === '--upstream-ms') upstreamMs = number();
    else if (argv[i] === '--slow-ms') slowMs = number();
    else if (argv[i] === '--sched') sched = true;
    else if (argv[i] === '--env') {
      const [key, ...rest] = (argv[++i] ?? '').split('=');
      env[key] = rest.join('=');
    } else throw new Error(USAGE);
  }
  const { TEST_DATABASE_URL: pgUrl, TEST_REDIS_URL: redisUrl } = process.env;
  if (!pgUrl || !redisUrl) throw new Error('run through scripts/with-services.sh (TEST_DATABASE_URL, TEST_REDIS_URL)');
  ensureFreshBuild(log);
  const emulator = await EmulatorChild.start({ latencyMs: upstreamMs, chunkDelayMs: 0, label: `${upstreamMs} ms` });
  const database = await BenchDatabase.create(pgUrl, 'tail');
  const service = await ServiceChild.start({ databaseUrl: database.url, redisUrl, emulatorUrl: emulator.url, env, preload: [LOOP_STALLS] });
  const body = requestBody(stream);
  // Slow: more than --slow-ms over the upstream's own delay.
  const slowOverMs = upstreamMs + slowMs;
  const pace = (url: string, headers: Record<string, string>) => new PacedLoad({ url: `${url}/v1/chat/completions`, headers, body, connections: 100, overallRate: rate, slowOverMs });
  try {
    const pid = service.child.pid;
    const file = join(RESULTS, `stalls-${pid}.json`);
    const ours = pace(service.url, ServiceChild.auth());
    let result;
    let waits: SchedWaits | undefined;
    let oursSteal: number | undefined;
    try {
      await ours.run(warmupS);
      rmSync(file, { force: true });
      process.kill(pid, 'SIGUSR2');
      await sleep(100);
      const trace = sched ? await SchedTrace.start() : undefined;
      try {
        const ticks = cpuTicks();
        result = await ours.run(durationS);
        process.kill(pid, 'SIGUSR2');
        oursSteal = stealPctSince(ticks);
        waits = await trace?.waitsOfMainThread({ ours: pid, emulator: emulator.child.pid, pacer: ours.pid });
      } finally {
        await trace?.discard();
      }
    } finally {
      await ours.close();
    }
    for (let waited = 0; !existsSync(file) && waited < 2_000; waited += 50) await sleep(50);
    if (!existsSync(file)) throw new Error(`our service wrote no loop record (${file}) within 2 s of the second SIGUSR2`);
    const events = JSON.parse(readFileSync(file, 'utf8')) as LoopEvent[];
    rmSync(file, { force: true });
    const direct = pace(emulator.url, {});
    let straight;
    let directSteal: number | undefined;
    try {
      await direct.run(Math.min(warmupS, 2));
      const ticks = cpuTicks();
      straight = await direct.run(durationS);
      directSteal = stealPctSince(ticks);
    } finally {
      await direct.close();
    }

    const loop = summariseLoop(events);
    const line = (name: string, r: typeof result, steal: number | undefined) =>
      `${name.padEnd(8)} ${r.ok} answers, p50 ${r.latency.p50.toFixed(2)} ms, p99 ${r.latency.p99.toFixed(2)} ms, max ${r.latency.max.toFixed(1)} ms, over ${slowOverMs} ms: ${r.slow.length} (${((100 * r.slow.length) / Math.max(1, r.ok)).toFixed(2)} %)` +
      (steal === undefined ? '' : `; hypervisor steal ${steal.toFixed(1)} %`);
    log(`${stream ? 'stream' : 'json'} at ${rate} req/s for ${durationS} s, upstream ${upstreamMs} ms`);
    log(line('ours', result, oursSteal));
    log(line('direct', straight, directSteal));
    log(
      `our event loop: ${loop.stalls} turns late by over 3 ms, ${loop.stallMs.toFixed(0)} ms in all` +
        (loop.runMs === undefined ? '' : ` (main thread running ${loop.runMs.toFixed(0)} ms, waiting for a CPU ${loop.waitMs!.toFixed(0)} ms)`) +
        `; ${loop.scavenges} scavenges (mean ${loop.scavengeMeanMs.toFixed(2)} ms, max ${loop.scavengeMaxMs.toFixed(1)} ms); ${loop.markCompacts} mark-compact events (${loop.markCompactMs.toFixed(1)} ms)`,
    );
    log(`our answers over ${slowOverMs} ms, by what our process was doing meanwhile${upstreamMs ? ` (the upstream's ${upstreamMs} ms left out)` : ''}:`);
    log('| cause | answers | of all answers | median ms | max ms |');
    log('|---|---|---|---|---|');
    for (const row of attributeTail(result.slow, events, result.ok, upstreamMs)) {
      log(`| ${row.cause} | ${row.answers} | ${row.sharePct.toFixed(2)} % | ${row.medianMs.toFixed(1)} | ${row.maxMs.toFixed(1)} |`);
    }
    if (waits) {
      log(`our main thread waited for a CPU over ${SCHED_WAIT_OVER_MS} ms ${waits.count} times, ${waits.ms.toFixed(1)} ms in all; meanwhile on the CPUs (perf sched, ms summed over them):`);
      log('| ran | ms |');
      log('|---|---|');
      for (const row of waits.ranMeanwhile) log(`| ${row.label} | ${row.ms.toFixed(1)} |`);
    }
  } finally {
    await service.stop();
    await emulator.stop();
    await database.drop();
  }
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  },
);
