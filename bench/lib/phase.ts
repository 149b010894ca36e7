import { rssMb } from './child';
import { cpuPerRequest } from './cpu-usage';
import { compare, Comparison, Scenario, skippedRun, Target, TargetRun, TARGETS } from './comparison';
import type { EmulatorChild } from './emulator-child';
import { LoadResult, runLoad } from './load';
import { collectionsBetween, formatCollections, parseCollections } from './collections';
import { formatBound, overheadBetween, parseOverheadBuckets, readMetrics } from './overhead-histogram';
import { PacedLoad } from './paced-load';
import { cpuTicks, stealPctSince } from './quiet-machine';
import { endpoint, requestBody, smokeCheck } from './scenarios';
import { measureUnderStealLimit, StealLimit, waitForLowSteal } from './steal-limit';

/** The processes one phase drives: an emulator, our service pointed at it, and Portkey. */
export interface PhaseStack {
  emulator: EmulatorChild;
  oursUrl: string;
  oursPid: number;
  portkeyUrl: string;
  portkeyPid: number;
  floorUrl: string;
  floorPid: number;
  /** Database maintenance run before each scenario, outside its measured windows (returns ms taken); none with --autovacuum. */
  maintainDatabase?: () => Promise<number>;
}

/** Settings shared by every scenario of a phase. */
export interface PhaseSettings {
  durationS: number;
  warmupS: number;
  /** Seconds of full load per target and body kind when the phase starts (see BenchArgs.jitWarmupS). */
  jitWarmupS: number;
  connections: number;
  /** Windows the hypervisor took more of than this are measured again (`--max-steal`); none when absent. */
  steal?: StealLimit;
}

/** Resident memory of our process across a phase. */
export interface RssTrack {
  beforeMb?: number;
  peakMb?: number;
  afterMb?: number;
}

/** Runs each scenario against direct, ours and Portkey in turn (interleaved, so they share the machine's state). */
export async function runPhase(stack: PhaseStack, scenarios: Scenario[], settings: PhaseSettings, log: (line: string) => void) {
  const urls = { emulator: stack.emulator.url, floor: stack.floorUrl, ours: stack.oursUrl, portkey: stack.portkeyUrl };
  const pids: Partial<Record<Target, number>> = { floor: stack.floorPid, ours: stack.oursPid, portkey: stack.portkeyPid };
  const rss: RssTrack = { beforeMb: rssMb(stack.oursPid) };
  const sampler = setInterval(() => {
    const now = rssMb(stack.oursPid);
    if (now !== undefined) rss.peakMb = Math.max(rss.peakMb ?? 0, now);
  }, 250);
  const results: Array<{ scenario: Scenario; runs: Record<Target, TargetRun>; comparison: Comparison }> = [];
  /** Answers our process and the floor gave under load, warm-ups included (for per-request figures of their CPU profiles). */
  let oursServed = 0;
  let floorServed = 0;
  // Our gateway and the emulator must pass; Portkey may fail (1.15.2 streaming on Node breaks, see bench/README.md).
  const portkeyProblem = new Map<boolean, string>();
  try {
    for (const stream of [false, true]) {
      if (!scenarios.some((s) => s.stream === stream)) continue;
      for (const target of TARGETS) {
        const { url, headers } = endpoint(target, urls);
        try {
          await smokeCheck(target, url, headers, stream);
        } catch (error) {
          if (target !== 'portkey') throw error;
          portkeyProblem.set(stream, (error as Error).message);
          log(`  Portkey skipped for ${stream ? 'streaming' : 'non-streaming'} runs: ${(error as Error).message}`);
        }
      }
    }
    // A fresh process compiles its hot paths in its first seconds of load (our loop stalled 10-67 ms throughout the
    // first ~2 s at 500 req/s): every target serves each body kind once at full load first, so that the first
    // scenario of a phase and the first of its streams measure what the others do.
    for (const stream of [false, true]) {
      if (settings.jitWarmupS <= 0 || !scenarios.some((s) => s.stream === stream)) continue;
      for (const target of TARGETS) {
        if (target === 'portkey' && portkeyProblem.has(stream)) continue;
        const { url, headers } = endpoint(target, urls);
        const before = (await stack.emulator.stats()).answered;
        await runLoad({ url, headers, body: requestBody(stream), connections: settings.connections, durationS: settings.jitWarmupS });
        const answered = (await stack.emulator.stats()).answered - before;
        if (target === 'ours') oursServed += answered;
        if (target === 'floor') floorServed += answered;
      }
      log(`  every target warmed up on ${stream ? 'streams' : 'JSON'} for ${settings.jitWarmupS} s at ${settings.connections} connections`);
    }
    const maintenanceMs: number[] = [];
    for (const scenario of scenarios) {
      if (stack.maintainDatabase) maintenanceMs.push(await stack.maintainDatabase());
      const runs = {} as Record<Target, TargetRun>;
      for (const target of TARGETS) {
        const problem = target === 'portkey' ? portkeyProblem.get(scenario.stream) : undefined;
        if (problem) {
          runs[target] = skippedRun(problem);
          continue;
        }
        const { url, headers } = endpoint(target, urls);
        const base = { url, headers, body: requestBody(scenario.stream), connections: scenario.shape === 'rate' ? Math.max(settings.connections, 100) : settings.connections };
        const overallRate = scenario.shape === 'rate' ? scenario.rate : undefined;
        const pid = pids[target];
        const measure = async () => {
          // A fixed rate warms up and measures on the same connections (see PacedLoad).
          const pacer = overallRate ? new PacedLoad({ ...base, overallRate }) : undefined;
          const beforeWarmup = (await stack.emulator.stats()).answered;
          let result: LoadResult & Pick<TargetRun, 'cpuUsPerRequest' | 'mainThreadCpuUsPerRequest' | 'gatewayOverhead' | 'collections' | 'stealPct'>;
          let before: number;
          let measuredFrom: string;
          try {
            if (settings.warmupS > 0) await (pacer ? pacer.run(settings.warmupS) : runLoad({ ...base, durationS: settings.warmupS }));
            before = (await stack.emulator.stats()).answered;
            const load = () => (pacer ? pacer.run(settings.durationS) : runLoad({ ...base, durationS: settings.durationS }));
            const metricsBefore = target === 'ours' ? await readMetrics(stack.oursUrl) : undefined;
            measuredFrom = new Date().toISOString().slice(11, 19);
            const ticks = cpuTicks();
            result = pid ? await cpuPerRequest(pid, load) : await load();
            result.stealPct = stealPctSince(ticks);
            if (metricsBefore !== undefined) {
              const metricsAfter = await readMetrics(stack.oursUrl);
              // Only non-streamed requests feed the overhead histogram.
              if (!scenario.stream) result.gatewayOverhead = overheadBetween(parseOverheadBuckets(metricsBefore), parseOverheadBuckets(metricsAfter));
              result.collections = collectionsBetween(parseCollections(metricsBefore), parseCollections(metricsAfter));
            }
          } finally {
            await pacer?.close();
          }
          const upstreamAnswered = (await stack.emulator.stats()).answered - before;
          if (target === 'ours') oursServed += upstreamAnswered + before - beforeWarmup;
          if (target === 'floor') floorServed += upstreamAnswered + before - beforeWarmup;
          return Object.assign(result, { upstreamAnswered, measuredFrom });
        };
        const result: TargetRun = settings.steal ? await measureUnderStealLimit(measure, settings.steal, waitForLowSteal, log) : await measure();
        runs[target] = result;
        log(
          `  ${scenario.name} ${target} (measured from ${result.measuredFrom} UTC): ${result.rps.toFixed(0)} req/s, p50 ${result.latency.p50.toFixed(2)} ms, p99 ${result.latency.p99.toFixed(2)} ms${result.cpuUsPerRequest !== undefined ? `, ${result.cpuUsPerRequest.toFixed(0)} µs CPU/req${result.mainThreadCpuUsPerRequest !== undefined ? ` (main thread ${result.mainThreadCpuUsPerRequest.toFixed(0)})` : ''}` : ''}, failed ${result.non2xx + result.errors + result.timeouts}${result.stealPct !== undefined ? `, steal ${result.stealPct.toFixed(1)} %` : ''}${result.stealRetries ? ` (the least of ${result.stealRetries + 1} windows)` : ''}${result.gatewayOverhead ? `, own overhead p50 ${formatBound(result.gatewayOverhead.p50Ms)}, p99 ${formatBound(result.gatewayOverhead.p99Ms)}` : ''}${result.collections ? `, ${formatCollections(result.collections)}` : ''}`,
        );
      }
      results.push({ scenario, runs, comparison: compare(scenario, runs) });
    }
    if (maintenanceMs.length) log(`  database vacuumed and analysed before each scenario: ${maintenanceMs.map((ms) => ms.toFixed(0)).join(', ')} ms`);
  } finally {
    clearInterval(sampler);
    rss.afterMb = rssMb(stack.oursPid);
  }
  return { results, rss, oursServed, floorServed };
}
