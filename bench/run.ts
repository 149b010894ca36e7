import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseBenchArgs } from './lib/bench-args';
import { BenchDatabase } from './lib/bench-database';
import { idleChecks, rssCheck, Scenario } from './lib/comparison';
import { runDteRulesBench } from './lib/dte-rules-hook';
import { rssMb } from './lib/child';
import { EmulatorChild } from './lib/emulator-child';
import { FloorChild } from './lib/floor-child';
import { runPhase } from './lib/phase';
import { waitForQuietMachine } from './lib/quiet-machine';
import { PortkeyChild } from './lib/portkey-child';
import { BenchReport, formatReport } from './lib/report';
import { endpoint, requestBody, scenarioMatrix, smokeCheck } from './lib/scenarios';
import { ensureFreshBuild, ServiceChild } from './lib/service-child';
import { runSoak } from './lib/soak';

const RESULTS = resolve(__dirname, 'results');
const UPSTREAM_LATENCY_MS = 50;
const log = (line: string) => process.stdout.write(`[bench] ${line}\n`);

/** `npm run bench`: direct vs our gateway vs Portkey on the vendor emulator, on loopback; see bench/README.md. */
async function main(): Promise<number> {
  const args = parseBenchArgs(process.argv.slice(2));
  const { TEST_DATABASE_URL: pgUrl, TEST_REDIS_URL: redisUrl } = process.env;
  if (!pgUrl || !redisUrl) throw new Error('TEST_DATABASE_URL and TEST_REDIS_URL are not set: run through `npm run bench` (scripts/with-services.sh)');
  if (args.build) ensureFreshBuild(log);
  mkdirSync(RESULTS, { recursive: true });

  const scenarios = args.soak ? [] : scenarioMatrix(args.rates, args.connections, args.only);
  const report: BenchReport = {
    startedAt: new Date().toISOString(),
    settings: { ...args },
    machine: { cpus: cpus().length, loadAverage: loadavg(), node: process.version },
    scenarios: [],
    rss: {},
    checks: [],
  };
  // The soak leaves Postgres' own schedule alone: it is about memory over time, not about any one window.
  const holdAutovacuum = !args.autovacuum && !args.soak;
  const stopping: Array<() => Promise<unknown>> = [];
  try {
    const database = await BenchDatabase.create(pgUrl, 'bench');
    stopping.push(() => database.drop());
    const [instant, latency, portkey] = await Promise.all([
      EmulatorChild.start({ latencyMs: 0, chunkDelayMs: 0, label: 'instant' }),
      EmulatorChild.start({ latencyMs: UPSTREAM_LATENCY_MS, chunkDelayMs: 0, label: `${UPSTREAM_LATENCY_MS} ms` }),
      PortkeyChild.start(),
    ]);
    stopping.push(
      () => instant.stop(),
      () => latency.stop(),
      () => portkey.stop(),
    );
    log(`emulators ${instant.url} (0 ms) and ${latency.url} (${UPSTREAM_LATENCY_MS} ms); Portkey ${portkey.url}; database ${database.name}`);

    const phases: Array<{ emulator: EmulatorChild; scenarios: Scenario[] }> = args.soak
      ? [{ emulator: latency, scenarios: [] }]
      : [
          { emulator: instant, scenarios: scenarios.filter((s) => s.emulator === 'instant') },
          { emulator: latency, scenarios: scenarios.filter((s) => s.emulator === 'latency') },
        ].filter((p) => p.scenarios.length > 0);
    const rssPhases: Array<{ beforeMb?: number; peakMb?: number; afterMb?: number }> = [];
    report.startupMs = [];
    for (const phase of phases) {
      // Start-up is measured on a quiet machine, not while the previous phase's processes still collect and Postgres vacuums.
      const quiet = await waitForQuietMachine({ idleAtLeast: 0.8, maxMs: 20_000 });
      log(`machine ${((quiet.idle ?? 1) * 100).toFixed(0)} % idle after ${(quiet.waitedMs / 1000).toFixed(1)} s of waiting for it to be quiet`);
      const floor = await FloorChild.start(phase.emulator.url, args.profile ? join(RESULTS, 'floor') : undefined);
      stopping.push(() => floor.stop());
      const ours = await ServiceChild.start({
        databaseUrl: database.url,
        redisUrl,
        emulatorUrl: phase.emulator.url,
        cpuProfileDir: args.profile ? RESULTS : undefined,
        preload: [...(args.profile ? [join(__dirname, 'lib/exit-on-sigterm.js')] : []), ...(args.allocProfile ? [join(__dirname, 'lib/alloc-profile.js')] : [])],
        env: args.env,
      });
      report.startupMs.push(ours.startupMs);
      log(`our service ${ours.url} (pid ${ours.child.pid}) -> ${phase.emulator.url}, ready ${ours.startupMs} ms after spawn; floor ${floor.url}`);
      if (holdAutovacuum && !report.autovacuumHeld) {
        const tables = await database.holdAutovacuum();
        report.autovacuumHeld = true;
        log(`autovacuum off for the bench database's ${tables} tables: the bench vacuums and analyses it between scenarios (--autovacuum: Postgres' own schedule)`);
      }
      // Every phase's service settles before its first scenario: V8's memory reducer collects a fresh process's heap
      // 15-26 s after ready (pauses of 25-60 ms here), which would otherwise land in it. The first phase's reads idle RSS.
      const settled = await idleRss(ours.child.pid, args.idleS);
      if (!report.idle) {
        report.idle = settled;
        log(`our RSS at ready ${settled.atReadyMb?.toFixed(1)} MB, ${args.idleS} s later without traffic ${settled.idleMb?.toFixed(1)} MB`);
      } else log(`our service settled ${args.idleS} s without traffic, as the first phase's did`);
      try {
        if (args.soak) {
          const { url, headers } = endpoint('ours', { emulator: phase.emulator.url, floor: floor.url, ours: ours.url, portkey: portkey.url });
          await smokeCheck('ours', url, headers, false);
          const soak = await runSoak(ours.child.pid, { url, headers, body: requestBody(false), connections: 100 }, args.soakRate, args.soakMinutes, args.soakSampleS, log);
          report.soak = { rate: soak.rate, samples: soak.samples, baselineMb: soak.baselineMb, lastMb: soak.lastMb, verdict: soak.verdict, requests: soak.requests };
          rssPhases.push({ beforeMb: soak.samples[0]?.rssMb, peakMb: Math.max(...soak.samples.map((s) => s.rssMb ?? 0)), afterMb: soak.lastMb });
        } else {
          const { results, rss, oursServed, floorServed } = await runPhase(
            {
              emulator: phase.emulator,
              oursUrl: ours.url,
              oursPid: ours.child.pid,
              portkeyUrl: portkey.url,
              portkeyPid: portkey.child.pid,
              floorUrl: floor.url,
              floorPid: floor.child.pid,
              maintainDatabase: holdAutovacuum ? () => database.maintain() : undefined,
            },
            phase.scenarios,
            args,
            log,
          );
          report.scenarios.push(...results);
          rssPhases.push(rss);
          if (args.profile) {
            log(`our service answered ${oursServed} requests under load in this process: npx ts-node bench/hotspots.ts --requests ${oursServed}`);
            log(`the floor answered ${floorServed} (profile written when it stops): npx ts-node bench/hotspots.ts bench/results/floor/CPU.*.${floor.child.pid}.*.cpuprofile --requests ${floorServed}`);
          }
        }
      } finally {
        await ours.stop();
      }
    }
    const peak = Math.max(...rssPhases.map((r) => r.peakMb ?? 0));
    report.rss = { beforeMb: rssPhases[0]?.beforeMb, peakUnderLoadMb: peak || undefined, afterMb: rssPhases[rssPhases.length - 1]?.afterMb, check: peak ? rssCheck(peak) : undefined };
    if (!args.soak) report.dteRules = await runDteRulesBench(args.durationS, args.durationS <= 3);
    report.checks = [
      ...report.scenarios.flatMap(({ scenario, comparison }) => comparison.checks.map((c) => ({ ...c, name: `${scenario.name}: ${c.name}` }))),
      ...(report.rss.check ? [report.rss.check] : []),
      ...idleChecks(report.idle?.idleMb, report.startupMs.length ? Math.max(...report.startupMs) : undefined),
      ...(report.soak ? [{ name: 'soak RSS flat', value: report.soak.lastMb ?? Number.NaN, limit: report.soak.baselineMb ?? Number.NaN, met: report.soak.verdict === 'flat' }] : []),
    ];
  } finally {
    for (const stop of stopping.reverse()) await stop().catch((error: Error) => log(`cleanup: ${error.message}`));
  }
  process.stdout.write(`\n${formatReport(report)}\n`);
  const file = join(RESULTS, args.soak ? 'soak-latest.json' : 'latest.json');
  writeFileSync(file, JSON.stringify(report, null, 2));
  log(
    `figures written to ${file}${args.profile ? `; CPU profiles in ${RESULTS} (summarise with: npx ts-node bench/hotspots.ts)` : ''}${args.allocProfile ? `; allocation profile: ${RESULTS}/alloc-<pid>.txt` : ''}`,
  );
  return 0;
}

/**
 * RSS at ready, and after `seconds` without traffic: start-up leaves a grown young generation and garbage that V8's
 * memory reducer gives back once the process has been quiet for 10-25 s (measured here), so idle means settled.
 */
async function idleRss(pid: number, seconds: number): Promise<{ atReadyMb?: number; idleMb?: number; afterS: number }> {
  const atReadyMb = rssMb(pid);
  await new Promise((done) => setTimeout(done, seconds * 1000));
  return { atReadyMb, idleMb: rssMb(pid), afterS: seconds };
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`[bench] failed: ${error.message}\n`);
    process.exit(1);
  },
);
