/**
 * Throughput of the DTE rules engine alone (no HTTP, no LLM), on one core: validateDte over a round-robin mix of
 * every fixture in test/fixtures/dte, after a warm-up. Run: npx ts-node -r tsconfig-paths/register bench/dte-rules.bench.ts
 * (BENCH_SECONDS, default 3, sets the measured duration).
 */
import { validateDte } from 'src/dte/dte-validator';
import { fixtureNames, FIXTURE_NOW, loadFixture } from 'test/fixtures/dte/dte-factory';

interface Case {
  input: unknown;
  history: readonly unknown[];
}

const WARM_UP_MS = 1000;
const MEASURE_MS = Number(process.env.BENCH_SECONDS ?? 3) * 1000;

function loadCases(): Case[] {
  return [...fixtureNames('clean-'), ...fixtureNames('defect-')].map((name) => {
    const fixture = loadFixture(name);
    return { input: fixture.input, history: fixture.history ?? (fixture.input.history as unknown[] | undefined) ?? [] };
  });
}

/** Validates round-robin for `ms`; returns validations done, elapsed ms and a findings checksum (keeps the work observable). */
function run(cases: readonly Case[], ms: number): { count: number; elapsedMs: number; findings: number } {
  const started = performance.now();
  let count = 0;
  let findings = 0;
  while (performance.now() - started < ms) {
    // Check the clock once per batch so timing does not dominate.
    for (let i = 0; i < 256; i++) {
      const item = cases[count % cases.length];
      findings += validateDte(item.input, { now: FIXTURE_NOW, history: item.history }).findings.length;
      count++;
    }
  }
  return { count, elapsedMs: performance.now() - started, findings };
}

function main(): void {
  const cases = loadCases();
  run(cases, WARM_UP_MS);
  const { count, elapsedMs, findings } = run(cases, MEASURE_MS);
  const perSecond = Math.round(count / (elapsedMs / 1000));
  const perValidationUs = ((elapsedMs * 1000) / count).toFixed(1);
  console.log(`dte rules: ${perSecond} validations/s (fixtures: ${cases.length}, duration: ${(elapsedMs / 1000).toFixed(1)} s, ${perValidationUs} µs each, findings checksum ${findings})`);
}

main();
