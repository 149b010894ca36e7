import type { LoadResult } from './load';
import type { WindowCollections } from './collections';
import type { OverheadQuantiles } from './overhead-histogram';

/** Where a load run is sent. */
export type Target = 'direct' | 'floor' | 'ours' | 'portkey';
/** direct: the emulator itself; floor: the minimal Fastify + undici forwarder; ours; Portkey. */
export const TARGETS: Target[] = ['direct', 'floor', 'ours', 'portkey'];

/** The targets the lead set; shown as met or missed, never asserted. */
export const TARGET_LIMITS = { addedP50Ms: 1, addedP99Ms: 5, throughputVsPortkey: 3, rssMb: 150, idleRssMb: 100, cpuVsFloor: 2, startupMs: 1500 } as const;

/** One cell of the matrix: an emulator, a body kind and a load shape. */
export interface Scenario {
  name: string;
  emulator: 'instant' | 'latency';
  stream: boolean;
  shape: 'rate' | 'max';
  /** Requests per second of a fixed-rate scenario. */
  rate?: number;
}

/** A target's run plus how many answers the emulator completed during it (fallbacks would show here). */
export type TargetRun = LoadResult & {
  upstreamAnswered: number;
  skipped?: string;
  /** CPU of the gateway process per 2xx answer (not for direct). */
  cpuUsPerRequest?: number;
  /** The main thread's part of cpuUsPerRequest; the rest is V8's helper threads (optimizing compiler, GC). */
  mainThreadCpuUsPerRequest?: number;
  /** Ours, non-streamed: its own overhead histogram over the run (lib/overhead-histogram.ts). */
  gatewayOverhead?: OverheadQuantiles;
  /** Ours: its garbage collections during the measured run (lib/collections.ts). */
  collections?: WindowCollections;
  /** Share of the machine's CPU time the hypervisor took during the measured run, in % (lib/quiet-machine.ts). */
  stealPct?: number;
  /** Windows measured again because the hypervisor took more than `--max-steal` of one (lib/steal-limit.ts); the least stolen is kept. */
  stealRetries?: number;
  /** When the kept window started (UTC, HH:MM:SS). */
  measuredFrom?: string;
};

/** A figure checked against a target. */
export interface Check {
  name: string;
  value: number;
  limit: number;
  met: boolean;
}

/** Gateways compared with the direct run and with each other. */
export interface Comparison {
  added: { ours: { p50: number; p99: number }; portkey: { p50: number; p99: number } };
  /** ours / Portkey for each figure (throughput: higher is better; latencies: lower is better). */
  ratio: { rps: number; p50: number; p99: number; addedP50: number; addedP99: number; cpuVsFloor: number };
  checks: Check[];
}

/** Compares the three runs of a scenario and evaluates the targets that apply to its shape. */
export function compare(scenario: Scenario, runs: Record<Target, TargetRun>): Comparison {
  const { direct, ours, portkey, floor } = runs;
  const added = {
    ours: { p50: ours.latency.p50 - direct.latency.p50, p99: ours.latency.p99 - direct.latency.p99 },
    portkey: { p50: portkey.latency.p50 - direct.latency.p50, p99: portkey.latency.p99 - direct.latency.p99 },
  };
  const ratio = {
    rps: ratioOf(ours.rps, portkey.rps),
    p50: ratioOf(ours.latency.p50, portkey.latency.p50),
    p99: ratioOf(ours.latency.p99, portkey.latency.p99),
    addedP50: ratioOf(added.ours.p50, added.portkey.p50),
    addedP99: ratioOf(added.ours.p99, added.portkey.p99),
    cpuVsFloor: ratioOf(ours.cpuUsPerRequest ?? Number.NaN, floor?.cpuUsPerRequest ?? Number.NaN),
  };
  const checks: Check[] =
    scenario.shape === 'rate'
      ? [check('added p50 (ms)', added.ours.p50, TARGET_LIMITS.addedP50Ms, 'max'), check('added p99 (ms)', added.ours.p99, TARGET_LIMITS.addedP99Ms, 'max')]
      : [
          // Behind a 50 ms upstream, 50 connections cap every gateway near 1,000 req/s: the ratio is shown, not judged.
          ...(portkey.skipped || scenario.emulator !== 'instant' ? [] : [check('throughput / Portkey', ratio.rps, TARGET_LIMITS.throughputVsPortkey, 'min')]),
          check('CPU per request / floor', ratio.cpuVsFloor, TARGET_LIMITS.cpuVsFloor, 'max'),
        ];
  return { added, ratio, checks };
}

/** A run that could not take place (the peer failed its smoke check); every figure is NaN. */
export function skippedRun(reason: string): TargetRun {
  const nan = Number.NaN;
  return { ok: 0, non2xx: 0, errors: 0, timeouts: 0, durationS: 0, rps: nan, upstreamAnswered: 0, skipped: reason, latency: { count: 0, mean: nan, p50: nan, p90: nan, p99: nan, max: nan } };
}

/** Checks the peak resident memory of our process under load. */
export function rssCheck(peakMb: number): Check {
  return check('RSS under load (MB)', peakMb, TARGET_LIMITS.rssMb, 'max');
}

/** Checks our process's memory before any load and its start-up time (spawn to /health/ready 200). */
export function idleChecks(idleMb: number | undefined, startupMs: number | undefined): Check[] {
  return [check('RSS idle (MB)', idleMb ?? Number.NaN, TARGET_LIMITS.idleRssMb, 'max'), check('start-up to ready (ms)', startupMs ?? Number.NaN, TARGET_LIMITS.startupMs, 'max')];
}

function check(name: string, value: number, limit: number, kind: 'max' | 'min'): Check {
  const met = Number.isFinite(value) && (kind === 'max' ? value <= limit : value >= limit);
  return { name, value, limit, met };
}

function ratioOf(a: number, b: number): number {
  return b === 0 || !Number.isFinite(a) || !Number.isFinite(b) ? Number.NaN : a / b;
}

/** The part of a scenario's name that its fixed rates share: the emulator and the body kind ("upstream 0 ms json"). */
export function scenarioFamily(scenario: Pick<Scenario, 'emulator' | 'stream'>): string {
  return `${scenario.emulator === 'instant' ? 'upstream 0 ms' : 'upstream 50 ms'} ${scenario.stream ? 'stream' : 'json'}`;
}

/** Of the fixed rates tried for one emulator and body kind, the highest whose added p50 and p99 both met the targets. */
export interface RateCeiling {
  family: string;
  rates: number[];
  highest?: number;
}

/** The issue asks for the highest rate where the added-latency targets hold; one answer per emulator × body kind. */
export function rateCeilings(results: Array<{ scenario: Scenario; comparison: Comparison }>): RateCeiling[] {
  const families = new Map<string, RateCeiling>();
  for (const { scenario, comparison } of results) {
    if (scenario.shape !== 'rate' || scenario.rate === undefined) continue;
    const family = scenarioFamily(scenario);
    const ceiling = families.get(family) ?? { family, rates: [] };
    families.set(family, ceiling);
    ceiling.rates.push(scenario.rate);
    if (comparison.checks.every((c) => c.met) && (ceiling.highest === undefined || scenario.rate > ceiling.highest)) ceiling.highest = scenario.rate;
  }
  for (const ceiling of families.values()) ceiling.rates.sort((a, b) => a - b);
  return [...families.values()];
}
