import { sleep } from '../lib/child';
import { Sent, inParallel, steadyLoad, tally } from './chaos-client';
import { ChaosContext, check, PhaseReport } from './chaos-context';

const ANSWERED_200: Array<Sent['outcome']> = ['ok', 'interrupted'];

/** Redis stopped and restarted under steady load: every request answered 200 (or a deliberate 4xx), recovery automatic. */
export async function redisOutagePhase(ctx: ChaosContext, durationMs: number, concurrency: number): Promise<PhaseReport> {
  await ctx.quiesce();
  await ctx.scriptEmulator([]);
  const modes: string[] = [];
  const chaos = (async () => {
    await sleep(durationMs * 0.25);
    await ctx.services.stopRedis();
    ctx.log('redis outage: Redis stopped');
    await sleep(Math.max(1_000, durationMs * 0.2));
    const ready = await ctx.readiness().catch(() => undefined);
    modes.push(`during outage: ${ready?.status} ${ready?.body.info?.redis?.mode ?? '?'}`);
    await sleep(Math.max(0, durationMs * 0.15));
    await ctx.services.startRedis();
    ctx.log('redis outage: Redis started again');
  })();
  const sent = await steadyLoad(durationMs, concurrency, (i) => ctx.send(i % 2 === 1, 'redis'));
  await chaos;
  const recoveryStarted = Date.now();
  let mode = '?';
  while (Date.now() - recoveryStarted < 30_000) {
    mode = (await ctx.readiness().catch(() => undefined))?.body.info?.redis?.mode ?? '?';
    if (mode === 'redis') break;
    await sleep(250);
  }
  const bad = sent.filter((s) => !ANSWERED_200.includes(s.outcome) && !(s.outcome === 'rejected' && s.status < 500));
  return {
    phase: `Redis outage (${Math.round(durationMs / 1000)} s steady load, ${concurrency} in flight)`,
    checks: [
      check('service stayed up: all answered 200 or a deliberate 4xx', bad.length === 0, `${sent.length - bad.length}/${sent.length}${bad.length ? `; others ${JSON.stringify(tally(bad))}` : ''}`),
      check("readiness back to redis mode 'redis' by itself", mode === 'redis', `mode ${mode} ${Date.now() - recoveryStarted} ms after Redis returned`),
    ],
    facts: [`client outcomes ${JSON.stringify(tally(sent))}; readiness ${modes.join(', ')}`],
  };
}

/** Postgres stopped while requests flow: cost rows stay buffered and are all written once it returns. */
export async function postgresOutagePhase(ctx: ChaosContext, requests: number, concurrency: number): Promise<PhaseReport> {
  await ctx.quiesce();
  await ctx.scriptEmulator([]);
  const before = await ctx.rowCounts();
  await ctx.services.stopPostgres();
  ctx.log(`postgres outage: Postgres stopped with ${before.total} rows written`);
  const ready = await ctx.readiness().catch(() => undefined);
  const sent = await inParallel(requests, concurrency, (i) => ctx.send(i % 2 === 1, 'pg'));
  const answered = sent.filter((s) => ANSWERED_200.includes(s.outcome)).length;
  await sleep(1_000);
  await ctx.services.startPostgres();
  const returned = Date.now();
  ctx.log('postgres outage: Postgres started again');
  const after = await ctx.waitForRows((c) => c.total >= before.total + answered, ctx.settings.short ? 45_000 : 90_000);
  const writtenMs = Date.now() - returned;
  await sleep(1_500);
  const settled = await ctx.rowCounts();
  return {
    phase: `Postgres outage (${requests} requests while down)`,
    checks: [
      check('requests answered while Postgres was down', answered === requests, `${answered}/${requests} answered 200; ${JSON.stringify(tally(sent))}`),
      check(
        'buffered cost rows all written after it returned, none doubled',
        settled.total === before.total + answered,
        `rows ${before.total} before, ${settled.total} after (expected ${before.total + answered}); written ${writtenMs} ms after restart (first match ${after.total})`,
      ),
    ],
    facts: [`readiness while down: ${ready?.status ?? 'no answer'}`],
  };
}
