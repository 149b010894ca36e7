import type { EmulatorRule } from 'test/emulator/emulator.types';
import type { BenchDatabase } from '../lib/bench-database';
import { sleep } from '../lib/child';
import type { EmulatorChild } from '../lib/emulator-child';
import { BENCH_ADMIN_KEY, BENCH_API_KEY, ServiceChild } from '../lib/service-child';
import { Sent, sendChat } from './chaos-client';
import type { ChaosServices } from './private-services';

/** A named pass/fail fact of a phase. */
export interface ChaosCheck {
  name: string;
  passed: boolean;
  detail: string;
}

/** What a phase reports. */
export interface PhaseReport {
  phase: string;
  checks: ChaosCheck[];
  facts: string[];
}

/** Everything the phases share: the processes, the database, the settings and every request sent so far. */
export class ChaosContext {
  readonly sent: Sent[] = [];
  /** Successful emulator answers counted before each emulator reset. */
  private answeredBefore = 0;
  private counter = 0;

  constructor(
    readonly service: ServiceChild,
    readonly emulator: EmulatorChild,
    readonly services: ChaosServices,
    readonly database: BenchDatabase,
    readonly settings: { short: boolean; clientDeadlineMs: number; serviceDeadlineMs: number; breakerThreshold: number; runId: string },
    readonly log: (line: string) => void,
  ) {}

  /** Sends one request with a unique id and keeps its outcome for the final reconciliation. */
  async send(stream: boolean, tag: string): Promise<Sent> {
    const sent = await sendChat(this.service.url, BENCH_API_KEY, `chaos-${this.settings.runId}-${tag}-${this.counter++}`, stream, this.settings.clientDeadlineMs);
    this.sent.push(sent);
    return sent;
  }

  /** Replaces the emulator's rules (its answered counter is carried over). */
  async scriptEmulator(rules: EmulatorRule[]): Promise<void> {
    this.answeredBefore += (await this.emulator.stats()).answered;
    await this.emulator.reset();
    if (rules.length) await this.emulator.script(rules);
  }

  /** Successful emulator answers over the whole run. */
  async upstreamAnswered(): Promise<number> {
    return this.answeredBefore + (await this.emulator.stats()).answered;
  }

  /** Force-closes the openai breaker through the admin API, so a phase starts from a known state. */
  async closeBreaker(): Promise<void> {
    const res = await fetch(`${this.service.url}/api/admin/providers/openai/breaker/close`, { method: 'POST', headers: ServiceChild.auth(BENCH_ADMIN_KEY) });
    if (res.status !== 200) throw new Error(`breaker force-close answered ${res.status}: ${await res.text()}`);
  }

  /** Value of llm_circuit_breaker_state{provider="openai"} (0 closed, 1 half-open, 2 open), or undefined. */
  async breakerState(): Promise<number | undefined> {
    const text = await (await fetch(`${this.service.url}/metrics`)).text();
    const match = /^llm_circuit_breaker_state\{provider="openai"\} (\d+)/m.exec(text);
    return match ? Number(match[1]) : undefined;
  }

  /** The service's event-loop delay (prom-client default metrics since the last scrape), e.g. "p99 0.8 s, max 2.1 s". */
  async eventLoopLag(): Promise<string> {
    const text = await (await fetch(`${this.service.url}/metrics`)).text();
    const read = (name: string) =>
      /^(\S+) ([\d.e+-]+)$/m.exec(
        text
          .split('\n')
          .filter((l) => l.startsWith(`${name} `))
          .join('\n'),
      )?.[2];
    const fmt = (v?: string) => (v === undefined ? '?' : `${Number(v).toFixed(2)} s`);
    return `p99 ${fmt(read('nodejs_eventloop_lag_p99_seconds'))}, max ${fmt(read('nodejs_eventloop_lag_max_seconds'))}`;
  }

  /** GET /health/ready as status plus body. */
  async readiness(): Promise<{ status: number; body: { info?: { redis?: { mode?: string } }; context?: unknown } }> {
    const res = await fetch(`${this.service.url}/health/ready`, { signal: AbortSignal.timeout(5_000) });
    return { status: res.status, body: (await res.json()) as { info?: { redis?: { mode?: string } } } };
  }

  /** Usage rows in the run's database, in total and with a real vendor and status success. */
  async rowCounts(): Promise<{ total: number; vendorSuccess: number; byKind: string }> {
    const rows = await this.database.usageCounts();
    // A request writes one final row (success, cached or partial) and an error row per target it gave up on.
    const total = rows.filter((r) => r.status !== 'error').reduce((n, r) => n + r.rows, 0);
    const vendorSuccess = rows.filter((r) => r.status === 'success' && r.provider !== 'offline' && r.provider !== 'cache').reduce((n, r) => n + r.rows, 0);
    return { total, vendorSuccess, byKind: rows.map((r) => `${r.provider}/${r.status}${r.errorKind ? `/${r.errorKind}` : ''}=${r.rows}`).join(' ') };
  }

  /**
   * Waits until every request sent so far has its cost row (or the count stops moving for 3 s), so requests
   * still in flight inside the gateway cannot leak into the next phase's upstream counts.
   */
  async quiesce(timeoutMs = 45_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    let last = -1;
    let stableSince = Date.now();
    while (Date.now() < until) {
      const { total } = await this.rowCounts();
      if (total >= this.sent.length) return;
      if (total !== last) [last, stableSince] = [total, Date.now()];
      else if (Date.now() - stableSince > 3_000) return;
      await sleep(300);
    }
  }

  /** Polls the row counts until `done` accepts them or `timeoutMs` passes; returns the last counts. */
  async waitForRows(done: (c: { total: number; vendorSuccess: number }) => boolean, timeoutMs: number): Promise<{ total: number; vendorSuccess: number; byKind: string }> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const counts = await this.rowCounts().catch(() => undefined);
      if (counts && (done(counts) || Date.now() > until)) return counts;
      if (!counts && Date.now() > until) throw new Error('usage rows could not be counted (Postgres unreachable)');
      await sleep(500);
    }
  }
}

/** A check from a condition. */
export function check(name: string, passed: boolean, detail: string): ChaosCheck {
  return { name, passed, detail };
}
