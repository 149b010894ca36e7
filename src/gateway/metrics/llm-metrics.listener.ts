import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { EventEmitter2, OnEvent } from '@nestjs/event-emitter';
import { Counter, Gauge } from 'prom-client';
import { AppConfig, VENDOR_NAMES } from 'src/config';
import { ModelCatalog } from '../catalog/model-catalog';
import { GatewayEvent, FallbackEvent, onRequestEvent, ProviderHealthEvent, QuotaAlertEvent } from '../gateway.events';
import type { LlmResult } from '../llm.types';
import type { LimitWindow } from '../resilience/provider-rate-limiter';
import { SKIP_REASONS } from '../resilience/target-policy';
import { PROVIDER_ERROR_KINDS } from '../providers/provider';
import { registeredMetric as metric } from '../../infra/metrics/registered-metric';
import { type HistogramSeries, TallyHistogram } from '../../infra/metrics/tally-histogram';

type CompletedEvent = { result: LlmResult; operation: string; ttftMs?: number; overheadMs?: number };

const KNOWN_PROVIDERS = new Set<string>([...VENDOR_NAMES, 'offline', 'cache']);
/** Bounded label values: anything unexpected collapses to "other". */
const label = (value: string | undefined, known?: Set<string>) => (value && (!known || known.has(value)) ? value.slice(0, 64) : 'other');

/**
 * What successful requests added to the counters since the last scrape, per provider, model and operation.
 * Each counter takes its part in its `collect` (prom-client calls it before every scrape): prom-client builds and
 * hashes a label key on every inc(), and a request that bumped four counters paid for that four times.
 */
interface PendingTotals {
  provider: string;
  model: string;
  operation: string;
  successes: number;
  costUsd: number;
  tokens: Record<TokenKind, number>;
  /** This provider, model and operation's series of llm_request_duration_seconds and llm_time_to_first_token_seconds. */
  duration: HistogramSeries;
  /** Made on the first streamed answer: a series of non-streamed operations would be written out empty. */
  ttft?: HistogramSeries;
}
/** Token kinds as labelled, and the usage field each counts. */
const TOKEN_FIELDS = [
  ['input', 'input'],
  ['output', 'output'],
  ['cache_read', 'cacheRead'],
  ['cache_write', 'cacheWrite'],
  ['reasoning', 'reasoning'],
] as const satisfies ReadonlyArray<readonly [string, keyof LlmResult['usage']]>;
type TokenKind = (typeof TOKEN_FIELDS)[number][0];
/** Every series' pending totals (what the counters drain), and the same by provider, model and operation. */
const pending: PendingTotals[] = [];
const pendingByLabels = new Map<string, Map<string, Map<string, PendingTotals>>>();

/** A series' totals, found through one map per label: a key joined from the three made a new string to hash per request. */
function pendingFor(provider: string, model: string, operation: string): PendingTotals {
  let byModel = pendingByLabels.get(provider);
  if (!byModel) pendingByLabels.set(provider, (byModel = new Map()));
  let byOperation = byModel.get(model);
  if (!byOperation) byModel.set(model, (byOperation = new Map()));
  let totals = byOperation.get(operation);
  if (!totals) {
    const tokens = { input: 0, output: 0, cache_read: 0, cache_write: 0, reasoning: 0 };
    totals = { provider, model, operation, successes: 0, costUsd: 0, tokens, duration: duration.series(provider, model, operation) };
    byOperation.set(operation, totals);
    pending.push(totals);
  }
  return totals;
}

/** A counter fed from `pending` at scrape: `drain` hands over one series' share (add skips zeros) and zeroes it. */
function counterOfPending<L extends string>(name: string, help: string, labelNames: L[], drain: (totals: PendingTotals, add: (labels: Record<L, string>, value: number) => void) => void): Counter<L> {
  return metric(
    name,
    () =>
      new Counter({
        name,
        help,
        labelNames,
        collect() {
          const add = (labels: Record<L, string>, value: number) => {
            if (value) this.inc(labels, value);
          };
          for (const totals of pending) drain(totals, add);
        },
      }),
  );
}

const requests = counterOfPending('llm_requests_total', 'LLM requests by provider, model, operation and status', ['provider', 'model', 'operation', 'status'], (t, add) => {
  add({ provider: t.provider, model: t.model, operation: t.operation, status: 'success' }, t.successes);
  t.successes = 0;
});
counterOfPending('llm_tokens_total', 'Tokens by kind', ['provider', 'model', 'kind'], (t, add) => {
  for (const [kind] of TOKEN_FIELDS) {
    add({ provider: t.provider, model: t.model, kind }, t.tokens[kind]);
    t.tokens[kind] = 0;
  }
});
counterOfPending('llm_cost_usd_total', 'Cost in USD', ['provider', 'model', 'operation'], (t, add) => {
  add({ provider: t.provider, model: t.model, operation: t.operation }, t.costUsd);
  t.costUsd = 0;
});
const duration = metric(
  'llm_request_duration_seconds',
  () =>
    new TallyHistogram({ name: 'llm_request_duration_seconds', help: 'LLM request latency', labelNames: ['provider', 'model', 'operation'], buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 40, 60] }),
);
const ttft = metric(
  'llm_time_to_first_token_seconds',
  () => new TallyHistogram({ name: 'llm_time_to_first_token_seconds', help: 'Time to first streamed token', labelNames: ['provider', 'model'], buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10] }),
);
const retries = metric('llm_retries_total', () => new Counter({ name: 'llm_retries_total', help: 'Retries of transient vendor failures', labelNames: ['provider'] }));
const fallbacks = metric(
  'llm_fallbacks_total',
  () => new Counter({ name: 'llm_fallbacks_total', help: 'Fallbacks from one provider to the next, by why the first could not answer', labelNames: ['from', 'to', 'reason'] }),
);
/** Why a target was passed over: its gates (target-policy.ts), a vendor failure's kind, a prompt too long for it. */
const FALLBACK_REASONS = new Set<string>([...SKIP_REASONS, ...PROVIDER_ERROR_KINDS, 'context_window', 'skipped']);
const breaker = metric('llm_circuit_breaker_state', () => new Gauge({ name: 'llm_circuit_breaker_state', help: 'Breaker state: 0 closed, 1 half-open, 2 open', labelNames: ['provider'] }));
const quotaAlerts = metric('llm_quota_alerts_total', () => new Counter({ name: 'llm_quota_alerts_total', help: 'Quota alerts', labelNames: ['provider', 'window', 'level'] }));
/** The latest utilization of each provider's windows, read into the gauge when Prometheus scrapes rather than set on every request. */
const latestUtilization = new Map<string, Record<LimitWindow, number>>();
const QUOTA_WINDOWS: LimitWindow[] = ['rpm', 'tpm', 'rpd'];
metric(
  'llm_quota_utilization_ratio',
  () =>
    new Gauge({
      name: 'llm_quota_utilization_ratio',
      help: 'Share of each rate-limit window in use (0..1)',
      labelNames: ['provider', 'window'],
      collect() {
        for (const [provider, windows] of latestUtilization) for (const window of QUOTA_WINDOWS) this.set({ provider, window }, windows[window]);
      },
    }),
);

/** Notes a window's utilization for `llm_quota_utilization_ratio` (no allocation once the provider is known). */
export function noteQuotaUtilization(provider: string, window: LimitWindow, ratio: number): void {
  let windows = latestUtilization.get(provider);
  if (!windows) latestUtilization.set(provider, (windows = { rpm: 0, tpm: 0, rpd: 0 }));
  windows[window] = ratio;
}
const cacheHits = metric('llm_cache_hits_total', () => new Counter({ name: 'llm_cache_hits_total', help: 'Response-cache hits and prompt-cache reads', labelNames: ['kind'] }));
const overhead = metric(
  'llm_gateway_overhead_seconds',
  () => new TallyHistogram({ name: 'llm_gateway_overhead_seconds', help: 'Time spent in the gateway outside vendor calls', buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1] }),
).series();

/**
 * Prometheus view of every gateway event. Label values come only from the catalog (model ids, the configured
 * OpenAI-compatible models), the vendor names and the service's own operations; a model a caller invents with
 * `provider/model` is counted under `other`, so callers cannot grow the series or put raw bytes in a label.
 */
@Injectable()
export class LlmMetricsListener implements OnModuleInit {
  private readonly knownModels: Set<string>;

  constructor(
    config: AppConfig,
    private readonly events: EventEmitter2,
  ) {
    this.knownModels = new Set(['offline', ...ModelCatalog.load(config).models.keys()]);
  }

  onModuleInit(): void {
    onRequestEvent(this.events, GatewayEvent.Completed, new Logger(LlmMetricsListener.name), (event: CompletedEvent) => this.completed(event));
  }

  /** A successful request (GatewayEvent.Completed): its duration, time to first token, overhead, tokens and cost. */
  completed(event: CompletedEvent): void {
    const { result } = event;
    if (event.overheadMs !== undefined) overhead.observe(Math.max(0, event.overheadMs) / 1000);
    const p = label(result.cached ? 'cache' : result.provider, KNOWN_PROVIDERS);
    const m = label(result.model, this.knownModels);
    const op = label(event.operation);
    const totals = pendingFor(p, m, op);
    totals.duration.observe(result.latencyMs / 1000);
    if (event.ttftMs !== undefined) (totals.ttft ??= ttft.series(p, m)).observe(event.ttftMs / 1000);
    totals.successes += 1;
    totals.costUsd += Number(result.costUsd);
    for (const [kind, field] of TOKEN_FIELDS) totals.tokens[kind] += Math.max(0, result.usage[field]);
    if (result.usage.cacheRead > 0) cacheHits.inc({ kind: 'prompt' });
  }

  @OnEvent(GatewayEvent.Failed)
  failed(event: { provider: string; model: string; operation: string }): void {
    requests.inc({ provider: label(event.provider, KNOWN_PROVIDERS), model: label(event.model, this.knownModels), operation: label(event.operation), status: 'error' });
  }

  @OnEvent(GatewayEvent.Retry)
  retried(event: { provider: string }): void {
    retries.inc({ provider: label(event.provider, KNOWN_PROVIDERS) });
  }

  @OnEvent(GatewayEvent.Fallback)
  fellBack(event: FallbackEvent): void {
    fallbacks.inc({ from: label(event.from, KNOWN_PROVIDERS), to: label(event.to, KNOWN_PROVIDERS), reason: label(event.reason, FALLBACK_REASONS) });
  }

  @OnEvent(GatewayEvent.ProviderHealth)
  health(event: ProviderHealthEvent): void {
    breaker.set({ provider: label(event.provider, KNOWN_PROVIDERS) }, event.breaker === 'closed' ? 0 : event.breaker === 'half-open' ? 1 : 2);
  }

  @OnEvent(GatewayEvent.QuotaAlert)
  quota(event: QuotaAlertEvent): void {
    quotaAlerts.inc({ provider: label(event.provider, KNOWN_PROVIDERS), window: event.window, level: event.level });
  }

  @OnEvent(GatewayEvent.ResponseCacheHit)
  cacheHit(): void {
    cacheHits.inc({ kind: 'response' });
  }
}
