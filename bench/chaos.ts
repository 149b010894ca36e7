import { BenchDatabase } from './lib/bench-database';
import { freePort } from './lib/child';
import { EmulatorChild } from './lib/emulator-child';
import { ensureFreshBuild, ServiceChild } from './lib/service-child';
import { ChaosContext, PhaseReport } from './chaos/chaos-context';
import { formatChaosSummary } from './chaos/chaos-summary';
import { breakerPhase, faultMixPhase } from './chaos/fault-phases';
import { postgresOutagePhase, redisOutagePhase } from './chaos/outage-phases';
import { ChaosServices } from './chaos/private-services';
import { reconcilePhase } from './chaos/reconcile-phase';

const BREAKER_THRESHOLD = 5;
/** Our service's own request deadline. The client allows more: 1,000 requests at once queue for seconds on 2 shared cores before the gateway starts their deadline. */
const SERVICE_DEADLINE_MS = 8_000;
const CLIENT_DEADLINE_MS = 30_000;
/**
 * Per vendor call. Long enough that only scripted hangs reach it: with 1,000 requests at once the event loop lags
 * by seconds, and a shorter timer fires after the vendor already answered (see bench/README.md, "Findings").
 */
const CALL_TIMEOUT_MS = Number(process.env.CHAOS_CALL_TIMEOUT_MS ?? 4_000);
const log = (line: string) => process.stdout.write(`[chaos] ${line}\n`);

/** `npm run chaos [-- --short]`: faults, breaker, Redis and Postgres outages against the running service; see bench/README.md. */
async function main(): Promise<boolean> {
  const argv = process.argv.slice(2);
  const unknown = argv.filter((a) => !['--short', '--no-build'].includes(a));
  if (unknown.length) throw new Error(`unknown flag ${unknown[0]}; usage: npm run chaos -- [--short] [--no-build]`);
  const short = argv.includes('--short');
  const started = Date.now();
  const limitMs = short ? 5 * 60_000 : 10 * 60_000;
  setTimeout(() => {
    log(`FAILED: the run exceeded its ${limitMs / 60_000} min bound`);
    process.exit(2);
  }, limitMs).unref();
  if (!argv.includes('--no-build')) ensureFreshBuild(log);

  const services = new ChaosServices(await freePort(), await freePort());
  const cleanup: Array<() => Promise<unknown>> = [async () => services.destroy()];
  const reports: PhaseReport[] = [];
  try {
    log(`private Postgres and Redis in ${services.dir}`);
    services.start();
    const database = await BenchDatabase.create(services.databaseUrl, 'chaos');
    const emulator = await EmulatorChild.start({ latencyMs: 5, chunkDelayMs: 2, seed: 7, label: 'chaos' });
    cleanup.unshift(() => emulator.stop());
    const service = await ServiceChild.start({
      databaseUrl: database.url,
      redisUrl: services.redisUrl,
      emulatorUrl: emulator.url,
      env: {
        LLM_TIMEOUT_MS: String(CALL_TIMEOUT_MS),
        LLM_REQUEST_DEADLINE_MS: String(SERVICE_DEADLINE_MS),
        LLM_MAX_RETRIES: '2',
        LLM_RETRY_BASE_MS: '50',
        LLM_RETRY_MAX_MS: '500',
        BREAKER_FAILURE_THRESHOLD: String(BREAKER_THRESHOLD),
        BREAKER_OPEN_MS: '2000',
        RATE_LIMIT_MAX_WAIT_MS: '1000',
        COST_FLUSH_INTERVAL_MS: '200',
        SHUTDOWN_TIMEOUT_MS: '5000',
        // The chaos run checks that Odoo never goes without an answer; through /v1 that is the operator's opt-in.
        PROXY_OFFLINE_ANSWERS: 'true',
      },
    });
    cleanup.unshift(() => service.stop());
    log(`service ${service.url} (pid ${service.child.pid}) -> emulator ${emulator.url}; database ${database.name}`);
    const ctx = new ChaosContext(
      service,
      emulator,
      services,
      database,
      { short, clientDeadlineMs: CLIENT_DEADLINE_MS, serviceDeadlineMs: SERVICE_DEADLINE_MS, breakerThreshold: BREAKER_THRESHOLD, runId: String(Date.now()) },
      log,
    );

    const phases: Array<[string, () => Promise<PhaseReport>]> = [
      ['fault mix', () => faultMixPhase(ctx, short ? 1 : 3, 1_000)],
      ['breaker', () => breakerPhase(ctx)],
      ['redis outage', () => redisOutagePhase(ctx, short ? 12_000 : 60_000, short ? 20 : 50)],
      ['postgres outage', () => postgresOutagePhase(ctx, short ? 200 : 1_000, 20)],
      ['reconcile', () => reconcilePhase(ctx)],
    ];
    for (const [name, run] of phases) {
      log(`phase: ${name}`);
      try {
        reports.push(await run());
      } catch (error) {
        reports.push({ phase: name, checks: [{ name: 'phase ran to the end', passed: false, detail: (error as Error).message.split('\n')[0] }], facts: [] });
      }
      if (service.child.exited) {
        reports.push({ phase: 'service process', checks: [{ name: 'service still running', passed: false, detail: service.child.output().slice(-500) }], facts: [] });
        break;
      }
    }
  } finally {
    for (const stop of cleanup) await stop().catch((error: Error) => log(`cleanup: ${error.message}`));
  }
  const summary = formatChaosSummary(reports, Date.now() - started);
  process.stdout.write(`\n${summary.text}\n`);
  return summary.passed;
}

main().then(
  (passed) => process.exit(passed ? 0 : 1),
  (error: Error) => {
    process.stderr.write(`[chaos] failed: ${error.message}\n`);
    process.exit(1);
  },
);
