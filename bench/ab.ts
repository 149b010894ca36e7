import { resolve } from 'node:path';
import { BenchDatabase } from './lib/bench-database';
import { rssMb, sleep } from './lib/child';
import { cpuPerRequest } from './lib/cpu-usage';
import { EmulatorChild } from './lib/emulator-child';
import { HEAP_METER, heapPerRequest } from './lib/heap-allocation';
import { runLoad } from './lib/load';
import { requestBody } from './lib/scenarios';
import { ensureFreshBuild, ServiceChild } from './lib/service-child';
import { describeRatio, pairedRatio } from './lib/paired-rounds';

const USAGE =
  'usage: npm run bench:ab -- --base <checkout with a built dist/> [--duration <s>=8] [--rounds <n>=2] [--connections <n>=50] [--rate <req/s>] [--upstream-ms <ms>=0] [--chunk-delay-ms <ms>=0] [--stream] [--heap] [--env KEY=VALUE]... [--this-env KEY=VALUE]...';
const log = (line: string) => process.stdout.write(`[ab] ${line}\n`);

/**
 * Before/after in one run: the same load on this checkout's dist/ and on a baseline checkout's, alternating
 * (A B A B…) on one instant emulator, each on its own fresh database; prints req/s, p50 and our CPU µs/request.
 * `--this-env` sets variables for this checkout only (e.g. one setting against the default, on one build).
 * `--heap` also counts the bytes each service's V8 heap allocates per request (lib/heap-meter.js). `--rate` runs a
 * fixed total rate (open loop, up to 100 connections) instead of as fast as the connections go, as the bench's
 * latency scenarios do; `--upstream-ms` puts that delay in the emulator. `--chunk-delay-ms` spaces a stream's chunks,
 * so each arrives in a network read of its own, as a vendor's tokens do (the bench's instant emulator sends them in one).
 */
async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const env: Record<string, string> = {};
  const thisEnv: Record<string, string> = {};
  let base = '';
  let durationS = 8;
  let rounds = 2;
  let connections = 50;
  let stream = false;
  let heap = false;
  let rate: number | undefined;
  let upstreamMs = 0;
  let chunkDelayMs = 0;
  for (let i = 0; i < argv.length; i++) {
    const value = () => argv[++i] ?? '';
    if (argv[i] === '--base') base = resolve(value());
    else if (argv[i] === '--duration') durationS = Number(value());
    else if (argv[i] === '--rounds') rounds = Number(value());
    else if (argv[i] === '--connections') connections = Number(value());
    else if (argv[i] === '--stream') stream = true;
    else if (argv[i] === '--heap') heap = true;
    else if (argv[i] === '--rate') rate = Number(value());
    else if (argv[i] === '--upstream-ms') upstreamMs = Number(value());
    else if (argv[i] === '--chunk-delay-ms') chunkDelayMs = Number(value());
    else if (argv[i] === '--env' || argv[i] === '--this-env') {
      const [key, ...rest] = value().split('=');
      (argv[i - 1] === '--env' ? env : thisEnv)[key] = rest.join('=');
    } else throw new Error(USAGE);
  }
  if (!base) throw new Error(USAGE);
  const { TEST_DATABASE_URL: pgUrl, TEST_REDIS_URL: redisUrl } = process.env;
  if (!pgUrl || !redisUrl) throw new Error('run through scripts/with-services.sh (TEST_DATABASE_URL, TEST_REDIS_URL)');
  ensureFreshBuild(log);
  const emulator = await EmulatorChild.start({ latencyMs: upstreamMs, chunkDelayMs, label: upstreamMs ? `${upstreamMs} ms` : 'instant' });
  const builds = [
    { name: 'base', cwd: base, env, database: await BenchDatabase.create(pgUrl, 'ab_base') },
    { name: 'this', cwd: process.cwd(), env: { ...env, ...thisEnv }, database: await BenchDatabase.create(pgUrl, 'ab_this') },
  ];
  const totals = new Map<string, { ok: number; seconds: number; rps: number[]; cpuUs: number[]; p50: number[]; rss: number[]; heapKb: number[] }>();
  try {
    for (let round = 0; round < rounds; round++) {
      for (const build of builds) {
        const service = await ServiceChild.start({ databaseUrl: build.database.url, redisUrl, emulatorUrl: emulator.url, cwd: build.cwd, env: build.env, preload: heap ? [HEAP_METER] : [] });
        try {
          const spec = { url: `${service.url}/v1/chat/completions`, headers: ServiceChild.auth(), body: requestBody(stream), connections: rate ? 100 : connections, overallRate: rate };
          await runLoad({ ...spec, durationS: 2 });
          await sleep(500);
          const load = () => runLoad({ ...spec, durationS });
          const pid = service.child.pid;
          const result = await cpuPerRequest(pid, heap ? () => heapPerRequest(pid, load) : load);
          const heapKb = 'heapBytesPerRequest' in result && typeof result.heapBytesPerRequest === 'number' ? result.heapBytesPerRequest / 1000 : undefined;
          const rss = rssMb(service.child.pid) ?? 0;
          log(
            `round ${round + 1} ${build.name}: ${result.rps.toFixed(0)} req/s, p50 ${result.latency.p50.toFixed(2)} ms, p99 ${result.latency.p99.toFixed(2)} ms, ${result.cpuUsPerRequest?.toFixed(0)} µs CPU/req, RSS ${rss} MB, ${heapKb === undefined ? '' : `heap ${heapKb.toFixed(1)} KB/req, `}failed ${result.non2xx + result.errors + result.timeouts}`,
          );
          const t = totals.get(build.name) ?? { ok: 0, seconds: 0, rps: [], cpuUs: [], p50: [], rss: [], heapKb: [] };
          t.ok += result.ok;
          t.seconds += result.durationS;
          t.rps.push(result.rps);
          t.cpuUs.push(result.cpuUsPerRequest ?? Number.NaN);
          t.p50.push(result.latency.p50);
          t.rss.push(rss);
          if (heapKb !== undefined) t.heapKb.push(heapKb);
          totals.set(build.name, t);
        } finally {
          await service.stop();
        }
      }
    }
  } finally {
    await emulator.stop();
    await Promise.all(builds.map((b) => b.database.drop()));
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const [a, b] = builds.map((x) => totals.get(x.name)!);
  log(
    `${stream ? 'stream' : 'json'}, ${rate ? `${rate} req/s` : `${connections} connections`}, upstream ${upstreamMs} ms${chunkDelayMs ? `, chunks ${chunkDelayMs} ms apart` : ''}, ${rounds} × ${durationS} s`,
  );
  log(`base: ${(a.ok / a.seconds).toFixed(0)} req/s, p50 ${mean(a.p50).toFixed(2)} ms, ${mean(a.cpuUs).toFixed(0)} µs CPU/req, RSS ${mean(a.rss).toFixed(0)} MB`);
  log(`this: ${(b.ok / b.seconds).toFixed(0)} req/s, p50 ${mean(b.p50).toFixed(2)} ms, ${mean(b.cpuUs).toFixed(0)} µs CPU/req, RSS ${mean(b.rss).toFixed(0)} MB`);
  log(`this/base: throughput ×${(b.ok / b.seconds / (a.ok / a.seconds)).toFixed(2)}, CPU/req ×${(mean(b.cpuUs) / mean(a.cpuUs)).toFixed(2)}`);
  if (heap) log(`heap allocated per request: base ${mean(a.heapKb).toFixed(1)} KB, this ${mean(b.heapKb).toFixed(1)} KB (×${(mean(b.heapKb) / mean(a.heapKb)).toFixed(3)})`);
  log(`this/base round by round (median): throughput ${describeRatio(pairedRatio(a.rps, b.rps), rounds)}, CPU/req ${describeRatio(pairedRatio(a.cpuUs, b.cpuUs), rounds)}`);
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  },
);
