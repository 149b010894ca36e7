import type { EmulatorRule, RequestLogEntry } from 'test/emulator/emulator.types';
import { Sent, inParallel, tally } from './chaos-client';
import { ChaosContext, check, PhaseReport } from './chaos-context';

/**
 * About 30 % of upstream attempts fail (seeded, so runs repeat): 500s, 429 with Retry-After, hangs and
 * streams cut after the first chunk (the cut rule only bites streaming requests).
 */
export const FAULT_MIX: EmulatorRule[] = [
  { vendor: 'openai', probability: 0.15, seed: 11, status: 500, errorMessage: 'chaos: upstream 500' },
  { vendor: 'openai', probability: 0.1, seed: 12, status: 429, retryAfter: 1, errorMessage: 'chaos: slow down' },
  { vendor: 'openai', probability: 0.03, seed: 13, hang: true },
  { vendor: 'openai', probability: 0.1, seed: 14, cutStreamAfterChunks: 1 },
];

/** No complete HTTP answer within the client deadline. A 5xx is an answer (the gateway's own deadline ran out), reported apart. */
const UNANSWERED: Array<Sent['outcome']> = ['hung', 'network_error', 'broken'];

/** Rounds of N concurrent requests (half streaming) against the fault mix: every one must be answered in time. */
export async function faultMixPhase(ctx: ChaosContext, rounds: number, concurrent: number): Promise<PhaseReport> {
  await ctx.scriptEmulator(FAULT_MIX);
  await ctx.closeBreaker();
  const sent: Sent[] = [];
  const started = Date.now();
  for (let round = 0; round < rounds; round++) {
    sent.push(...(await inParallel(concurrent, concurrent, (i) => ctx.send(i % 2 === 1, `mix${round}`))));
    ctx.log(`fault mix: round ${round + 1}/${rounds} done (${Date.now() - started} ms)`);
  }
  const upstream = (await ctx.emulator.stats()).requests;
  const lag = await ctx.eventLoopLag().catch(() => '?');
  const unanswered = sent.filter((s) => UNANSWERED.includes(s.outcome));
  const times = sent.map((s) => s.ms).sort((a, b) => a - b);
  const slowest = times[times.length - 1];
  const overDeadline = sent.filter((s) => s.ms > ctx.settings.serviceDeadlineMs).length;
  const providers = tally(sent.map((s) => ({ ...s, outcome: (s.provider ?? s.outcome) as Sent['outcome'] })));
  return {
    phase: `fault mix (${rounds} x ${concurrent} concurrent, ~30% upstream faults)`,
    checks: [
      check(
        'every request answered within its deadline (none hung)',
        unanswered.length === 0,
        `${sent.length - unanswered.length}/${sent.length} answered; slowest ${slowest} ms (client deadline ${ctx.settings.clientDeadlineMs} ms)${unanswered.length ? `; unanswered: ${JSON.stringify(tally(unanswered))} e.g. ${unanswered[0].requestId}` : ''}`,
      ),
    ],
    facts: [
      `client latency p50 ${times[Math.floor(times.length / 2)]} ms, p99 ${times[Math.floor(times.length * 0.99)]} ms, max ${slowest} ms; ${overDeadline} answered after the service's own ${ctx.settings.serviceDeadlineMs} ms deadline; service event-loop delay ${lag}`,
      `client outcomes ${JSON.stringify(tally(sent))}; answered by ${JSON.stringify(providers)}`,
      `5xx answers (no offline fallback once the request deadline ran out): ${
        sent
          .filter((s) => s.outcome === 'server_error')
          .map((s) => `${s.status} after ${s.ms} ms`)
          .join(', ') || 'none'
      }`,
      `upstream attempts ${upstream.length}: ${describeUpstream(upstream)}`,
      `successful upstream answers json/stream ${countOk(upstream, false)}/${countOk(upstream, true)}; answered by openai to the client json/stream ${sent.filter((s) => s.provider === 'openai' && !s.stream).length}/${sent.filter((s) => s.provider === 'openai' && s.stream).length}`,
    ],
  };
}

/** openai fails every time: the breaker must open within the threshold, the rest falls back to offline at once. */
export async function breakerPhase(ctx: ChaosContext): Promise<PhaseReport> {
  const threshold = ctx.settings.breakerThreshold;
  await ctx.quiesce();
  await ctx.scriptEmulator([{ vendor: 'openai', status: 500, errorMessage: 'chaos: provider down' }]);
  await ctx.closeBreaker();
  const sequential: Sent[] = [];
  for (let i = 0; i < 10; i++) sequential.push(await ctx.send(false, 'breaker-seq'));
  const sequentialAttempts = (await ctx.emulator.stats()).received;
  const state = await ctx.breakerState();

  await ctx.scriptEmulator([{ vendor: 'openai', status: 500, errorMessage: 'chaos: provider down' }]);
  await ctx.closeBreaker();
  const burst = 30;
  const concurrent = await inParallel(burst, burst, (i) => ctx.send(i % 2 === 1, 'breaker-burst'));
  const burstAttempts = (await ctx.emulator.stats()).received;

  await ctx.scriptEmulator([]);
  await ctx.closeBreaker();
  const all = [...sequential, ...concurrent];
  const notOffline = all.filter((s) => s.outcome !== 'ok' || s.provider !== 'offline');
  return {
    phase: 'breaker (openai fails 100%)',
    checks: [
      check(`sequential: breaker opened within ${threshold} upstream failures`, sequentialAttempts <= threshold, `${sequentialAttempts} upstream attempts for 10 requests`),
      check('llm_circuit_breaker_state{provider="openai"} = 2 (open)', state === 2, `metric ${state ?? 'absent'}`),
      check(`burst of ${burst}: attempts <= ${threshold} + requests in flight`, burstAttempts <= threshold + burst, `${burstAttempts} upstream attempts`),
      check(
        'every request answered 200 by the offline fallback',
        notOffline.length === 0,
        `${all.length - notOffline.length}/${all.length}${notOffline.length ? `; others ${JSON.stringify(tally(notOffline))}` : ''}`,
      ),
    ],
    facts: [],
  };
}

function countOk(requests: RequestLogEntry[], stream: boolean): number {
  return requests.filter((r) => r.outcome === 'ok' && r.stream === stream).length;
}

function describeUpstream(requests: RequestLogEntry[]): string {
  const counts: Record<string, number> = {};
  for (const r of requests) {
    const key = r.outcome === 'error' ? `error ${r.status}` : r.outcome;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  const faults = requests.length - (counts.ok ?? 0);
  return `${JSON.stringify(counts)} (${requests.length ? Math.round((faults / requests.length) * 100) : 0}% not ok)`;
}
