import type { Check, Comparison, Scenario, Target, TargetRun } from './comparison';
import { rateCeilings, TARGET_LIMITS, TARGETS } from './comparison';
import { formatBound } from './overhead-histogram';
import { formatCollections } from './collections';

/** Everything one bench run measured; written as JSON to bench/results/latest.json. */
export interface BenchReport {
  startedAt: string;
  settings: Record<string, unknown>;
  machine: { cpus: number; loadAverage: number[]; node: string };
  scenarios: Array<{ scenario: Scenario; runs: Record<Target, TargetRun>; comparison: Comparison }>;
  rss: { beforeMb?: number; peakUnderLoadMb?: number; afterMb?: number; check?: Check };
  /** Our first service's RSS at ready and after `afterS` seconds without traffic (the idle target's figure). */
  idle?: { atReadyMb?: number; idleMb?: number; afterS: number };
  /** Our service: spawn to /health/ready 200, per phase; the first phase migrates the run's new database. */
  startupMs?: number[];
  dteRules?: { line: string; data?: unknown };
  soak?: { rate: number; samples: Array<{ atS: number; rssMb?: number }>; baselineMb?: number; lastMb?: number; verdict: string; requests: { ok: number; failed: number } };
  checks: Check[];
  /** Autovacuum was off for the bench database, which the bench vacuumed and analysed between scenarios instead. */
  autovacuumHeld?: boolean;
}

const fmt = (value: number | undefined, digits = 2): string => (value === undefined || !Number.isFinite(value) ? '-' : value.toFixed(digits));
const pad = (cells: string[], widths: number[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');

/** The human-readable table printed at the end of a run. */
export function formatReport(report: BenchReport): string {
  const lines: string[] = [];
  const widths = [14, 9, 9, 9, 9, 10, 10, 9, 8, 10];
  lines.push(`Benchmark ${report.startedAt}  (${report.machine.cpus} CPUs, load ${report.machine.loadAverage.map((l) => l.toFixed(2)).join(' ')}, node ${report.machine.node})`);
  if (report.autovacuumHeld) lines.push(`Postgres autovacuum off for the bench database; vacuum and analyse between scenarios (--autovacuum to leave it on)`);
  for (const { scenario, runs, comparison } of report.scenarios) {
    lines.push('', `== ${scenario.name}`);
    lines.push(pad(['target', 'req/s', 'p50 ms', 'p99 ms', 'max ms', '+p50 ms', '+p99 ms', 'upstream', 'failed', 'CPU µs/req'], widths));
    for (const target of TARGETS) {
      const run = runs[target];
      if (run.skipped) {
        lines.push(`${target.padEnd(widths[0])}  skipped: ${run.skipped.slice(0, 110)}`);
        continue;
      }
      const direct = runs.direct.latency;
      const added = target === 'direct' ? undefined : { p50: run.latency.p50 - direct.p50, p99: run.latency.p99 - direct.p99 };
      lines.push(
        pad(
          [
            target,
            fmt(run.rps, 0),
            fmt(run.latency.p50),
            fmt(run.latency.p99),
            fmt(run.latency.max, 1),
            fmt(added?.p50),
            fmt(added?.p99),
            String(run.upstreamAnswered),
            String(run.non2xx + run.errors + run.timeouts),
            fmt(run.cpuUsPerRequest, 0),
          ],
          widths,
        ),
      );
    }
    const r = comparison.ratio;
    lines.push(pad(['ours/portkey', fmt(r.rps), fmt(r.p50), fmt(r.p99), '', fmt(r.addedP50), fmt(r.addedP99), '', '', ''], widths));
    lines.push(`ours CPU per request / floor: ${fmt(r.cpuVsFloor)}`);
    const threads = threadSplit(runs);
    if (threads) lines.push(`CPU µs per request on the main thread + V8's helper threads (optimizing compiler, GC): ${threads}`);
    const steal = TARGETS.filter((t) => runs[t].stealPct !== undefined).map(
      (t) => `${t} ${fmt(runs[t].stealPct, 1)}${runs[t].stealRetries ? ` (least of ${(runs[t].stealRetries ?? 0) + 1} windows)` : ''}`,
    );
    if (steal.length) lines.push(`CPU time the hypervisor took during each run (steal, %): ${steal.join(', ')}`);
    const own = runs.ours.gatewayOverhead;
    if (own) lines.push(`ours own overhead (llm_gateway_overhead_seconds: arrival to settled answer, vendor time left out): p50 ${formatBound(own.p50Ms)}, p99 ${formatBound(own.p99Ms)}`);
    if (runs.ours.collections) lines.push(`ours collected garbage during its run: ${formatCollections(runs.ours.collections)}`);
    for (const c of comparison.checks) lines.push(`   target ${c.name}: ${fmt(c.value)} vs ${c.limit}  ${c.met ? 'MET' : 'MISSED'}`);
  }
  const ceilings = rateCeilings(report.scenarios);
  if (ceilings.length) {
    lines.push('', `highest fixed rate with added p50 <= ${TARGET_LIMITS.addedP50Ms} ms and p99 <= ${TARGET_LIMITS.addedP99Ms} ms:`);
    for (const c of ceilings) lines.push(`   ${c.family}: ${c.highest !== undefined ? `${c.highest} req/s` : 'none'} (of ${c.rates.join(', ')} req/s)`);
  }
  if (report.startupMs?.length) lines.push('', `our start-up to ready (Postgres server): ${startupList(report.startupMs)}`);
  const idle = report.idle ? `at ready ${fmt(report.idle.atReadyMb, 1)} MB, idle ${report.idle.afterS} s after ready ${fmt(report.idle.idleMb, 1)} MB, ` : '';
  lines.push('', `our RSS: ${idle}before load ${fmt(report.rss.beforeMb, 1)} MB, peak under load ${fmt(report.rss.peakUnderLoadMb, 1)} MB, after ${fmt(report.rss.afterMb, 1)} MB`);
  if (report.dteRules) lines.push(`DTE rules: ${report.dteRules.line}`);
  if (report.soak) {
    const s = report.soak;
    lines.push(`soak at ${s.rate} req/s: ${s.samples.map((x) => `${x.atS}s=${fmt(x.rssMb, 1)}`).join(' ')}`);
    lines.push(`soak verdict: ${s.verdict} (baseline ${fmt(s.baselineMb, 1)} MB, last ${fmt(s.lastMb, 1)} MB; ${s.requests.ok} ok, ${s.requests.failed} failed)`);
  }
  const stolen = stolenWindows(report);
  if (stolen.length) lines.push('', `windows still over the steal limit (${stealLimitOf(report)} %) after the retries, which measure the host more than the code: ${stolen.join(', ')}`);
  const missed = report.checks.filter((c) => !c.met);
  lines.push(
    '',
    `targets: ${report.checks.length - missed.length}/${report.checks.length} met${missed.length ? `; missed: ${missed.map((c) => `${c.name} ${fmt(c.value)} (limit ${c.limit})`).join('; ')}` : ''}`,
  );
  return lines.join('\n');
}

/** Each measured process's CPU per request as main thread + the rest ("floor 80 + 12, ours 170 + 25"); '' without the split. */
export function threadSplit(runs: Partial<Record<(typeof TARGETS)[number], TargetRun>>): string {
  return TARGETS.flatMap((t) => {
    const run = runs[t];
    if (run?.mainThreadCpuUsPerRequest === undefined || run.cpuUsPerRequest === undefined) return [];
    return [`${t} ${fmt(run.mainThreadCpuUsPerRequest, 0)} + ${fmt(run.cpuUsPerRequest - run.mainThreadCpuUsPerRequest, 0)}`];
  }).join(', ');
}

function stealLimitOf(report: BenchReport): number | undefined {
  return (report.settings.steal as { maxPct?: number } | undefined)?.maxPct;
}

/** Each measured window whose kept run still had more steal than the run's limit ("scenario target steal %"). */
export function stolenWindows(report: BenchReport): string[] {
  const limit = stealLimitOf(report);
  if (limit === undefined) return [];
  return report.scenarios.flatMap(({ scenario, runs }) => TARGETS.filter((t) => (runs[t].stealPct ?? 0) > limit).map((t) => `${scenario.name} ${t} ${fmt(runs[t].stealPct, 1)} %`));
}

/** The first start creates the schema in the run's new database (every migration applied); later ones find it migrated. */
export function startupList(startupMs: number[]): string {
  return startupMs.map((ms, i) => `${ms} ms (${i === 0 ? 'new database: applies every migration' : 'migrated database'})`).join(', ');
}
