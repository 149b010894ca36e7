import { BadRequestException, Injectable, Logger, UnprocessableEntityException } from '@nestjs/common';
import { newUuid } from 'src/common/ids';
import { AppConfig } from 'src/config';
import { isPromise, type MaybePromise } from 'src/common/async/maybe-promise';
import { CatalogModel, ModelCatalog } from './catalog/model-catalog';
import { GatewayEvent } from './gateway.events';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { NoTargetServedError, redactVendorText, StreamInterruptedError, TargetFailure, targetName, UnpricedModelError, UpstreamRequestError } from './gateway-errors';
import { GatewayClock } from './gateway-clock';
import { LlmClient } from './llm-client';
import { toChatBody, toRunOptions } from './llm-request.adapter';
import { PersonalData } from './privacy/personal-data';
import type { LlmRequest, LlmResult, LlmStreamEvent, ProviderId } from './llm.types';
import { ChatBody, ChatCompletion, chunkText, CreateEmbeddingResponse, EmbeddingBody, exceedsContextWindow, isProviderError, LlmProvider, ProviderError, toProviderError } from './providers/provider';
import { AnthropicProvider } from './providers/anthropic/anthropic.provider';
import { ProviderRegistry } from './providers/provider.registry';
import { isUnsupportedParameterError, UnsupportedParameterError } from './providers/unsupported-parameter.error';
import { RequestRun, RunOptions } from './request-run';
import { TargetPolicy, TargetSkipped } from './resilience/target-policy';
import { DeploymentBalancer } from './routing/deployment-balancer';
import { resolveTargets, RouteOptions, RouteTarget, UnknownModelError } from './routing/router';
import { estimatedCost } from './usage/pricing';
import { ResponseCache } from './usage/response-cache';
import { approximateTokens, requestedMaxOutput } from './usage/token-estimate';
import { CallerAdmission, CallerGate } from './usage/caller-gate';
import { ChatStreamEvents, type ChatStreamEvent } from './chat-stream-events';
import { type ChatStreamSink, StreamedAnswer, type StreamOutcomes } from './streamed-answer';
import { UsageRecorder } from './usage/usage-recorder';

const DEFAULT_MAX_TOKENS = 1024;
/** Routes kept at most, per kind of caller: a caller may name any `provider/model`, and each is a route of its own. */
const MAX_KEPT_ROUTES = 1000;
const COUNT_TOKENS_TIMEOUT_MS = 10_000;

export interface ChatOutcome {
  completion: ChatCompletion;
  result: LlmResult;
  /** The vendor's own text of `completion` (an OpenAI-wire vendor's answer; never a cached one). */
  raw?: string;
}

/** A route kept between requests, with the catalog load and the span of days it holds for. */
interface KeptRoute {
  targets: RouteTarget[];
  generation: number;
  from: number;
  until: number;
}

export type { ChatStreamEvent } from './chat-stream-events';

/**
 * The one request path for every AI call, read top to bottom: route the model to targets, check the cost
 * ceiling, then try each target through its policy (gates, retries) on its wire client, and record usage.
 * The doors (/v1 OpenAI and Anthropic) and the Odoo features (LlmClient) all come through here.
 */
@Injectable()
export class GatewayService extends LlmClient {
  private readonly logger = new Logger('Gateway');
  private readonly configured: Set<ProviderId>;
  /** Kept routes by requested model, one map for callers that end with the offline answer and one for those that do not. */
  private readonly routes = { offline: new Map<string | undefined, KeptRoute>(), vendorsOnly: new Map<string | undefined, KeptRoute>() };
  private readonly arrange = (model: CatalogModel) => this.balancer.arrange(model);
  /** A streamed answer's end, failure or desertion: its usage row, the target's health and the TPM charge. */
  private readonly streamOutcomes: StreamOutcomes = {
    completed: (run, target, text, finishReason, usage) => {
      const result = this.usage.result(run, target, text, finishReason, usage);
      this.settle(run, target, result, true);
      return result;
    },
    failed: async (run, target, error, characters, partial) => {
      const failure = toProviderError(error, target.provider, run.signal);
      if (failure.kind !== 'aborted') await this.policy.gateFor(target).failed(target, failure);
      this.usage.failed(run, target, failure, true, partial);
      this.logger.warn(`stream from ${targetName(target)} failed after ${characters} characters: ${failure.kind}${failure.vendorMessage ? ` (${redactVendorText(failure.vendorMessage)})` : ''}`);
      return new StreamInterruptedError(`The ${target.provider} stream failed after ${characters} characters (${failure.kind})`);
    },
    deserted: (run, target, partial) => this.usage.failed(run, target, new ProviderError('aborted', 'The caller stopped reading the stream', target.provider), true, partial),
  };

  constructor(
    private readonly config: AppConfig,
    private readonly catalog: ModelCatalog,
    private readonly providers: ProviderRegistry,
    private readonly policy: TargetPolicy,
    private readonly usage: UsageRecorder,
    private readonly cache: ResponseCache,
    private readonly events: EventEmitter2,
    private readonly balancer: DeploymentBalancer,
    private readonly callers: CallerGate,
    private readonly clock: GatewayClock,
  ) {
    super();
    this.configured = new Set(providers.vendorIds());
  }

  hasVendors(): boolean {
    return this.configured.size > 0;
  }

  // ---- the Odoo features' entry (LlmClient) ----

  async complete(request: LlmRequest): Promise<LlmResult> {
    const personal = this.config.llm.pseudonymizePersonalData ? new PersonalData() : undefined;
    const { result } = await this.chat(toChatBody(request, personal), toRunOptions(request));
    return personal?.hidden ? Object.assign({}, result, { text: personal.reveal(result.text) }) : result;
  }

  async *stream(request: LlmRequest): AsyncIterable<LlmStreamEvent> {
    const personal = this.config.llm.pseudonymizePersonalData ? new PersonalData() : undefined;
    const body = toChatBody(request, personal);
    const revealer = personal?.hidden ? personal.revealer() : undefined;
    for await (const event of this.chatStream(body, toRunOptions(request))) {
      if (event.type === 'chunks') {
        for (const item of event.items) {
          const text = revealer ? revealer.push(chunkText(item)) : chunkText(item);
          if (text) yield { type: 'text', text };
        }
      } else if (event.type === 'start') yield { type: 'start', provider: event.provider, model: event.model };
      else if (event.type === 'done') {
        const rest = revealer?.flush();
        if (rest) yield { type: 'text', text: rest };
        yield personal?.hidden ? { type: 'done', result: Object.assign({}, event.result, { text: personal.reveal(event.result.text) }) } : event;
      }
    }
  }

  // ---- the canonical path ----

  async chat(body: ChatBody, options: RunOptions): Promise<ChatOutcome> {
    const begun = this.begin(body, options);
    const run = isPromise(begun) ? await begun : begun;
    try {
      const cacheKey = this.cache.keyFor(body, run.targets[0]?.model ?? '', options.caller, options.cache.enabled);
      const hit = cacheKey ? await this.cache.get<ChatOutcome>(cacheKey) : undefined;
      if (hit) {
        const result: LlmResult = Object.assign({}, hit.result, { cached: true, costUsd: '0.000000000000', requestId: run.id, latencyMs: run.latencyMs() });
        this.usage.cacheHit(run, result);
        return { completion: hit.completion, result };
      }
      const { target, value } = await this.firstServing(run, body, false, (provider, call) => provider.complete(body, call));
      const message = value.completion.choices[0]?.message;
      const result = this.usage.result(run, target, message?.content ?? '', value.finishReason, value.usage);
      this.settle(run, target, result, false);
      if (cacheKey && target.provider !== 'offline') this.cache.set(cacheKey, { completion: value.completion, result }, options.cache.ttlSeconds);
      return { completion: value.completion, result, raw: value.raw };
    } finally {
      this.finish(run);
    }
  }

  /**
   * Streams into `sink` as the chunks arrive; falls back only until the first chunk. Settles once the answer is complete
   * or the consumer left; fails with the request's error before the first chunk, and with StreamInterruptedError after.
   */
  async relayStream(body: ChatBody, options: RunOptions, sink: ChatStreamSink): Promise<void> {
    const begun = this.begin(body, options);
    const run = isPromise(begun) ? await begun : begun;
    try {
      const { target, value } = await this.firstServing(run, body, true, async (provider, call) => {
        const iterator = provider.stream(body, call)[Symbol.asyncIterator]();
        try {
          return { iterator, first: await iterator.next() };
        } catch (error) {
          await iterator.return?.().catch(() => undefined);
          throw error;
        }
      });
      await new StreamedAnswer(run, target, value.iterator, sink, this.streamOutcomes).relay(value.first);
    } finally {
      this.finish(run);
    }
  }

  /** The same stream as events read with `for await` (start, chunks, done). */
  chatStream(body: ChatBody, options: RunOptions): AsyncIterableIterator<ChatStreamEvent> {
    return new ChatStreamEvents((sink) => this.relayStream(body, options, sink));
  }

  async embed(body: EmbeddingBody, options: RunOptions): Promise<{ response: CreateEmbeddingResponse; result: LlmResult }> {
    const inputs = Array.isArray(body.input) ? body.input : [body.input];
    const run = await this.begin({ model: body.model, messages: inputs.map((i) => ({ role: 'user' as const, content: typeof i === 'string' ? i : JSON.stringify(i) })), max_tokens: 0 }, options);
    try {
      const { target, value } = await this.firstServing(run, undefined, false, (provider, call) => {
        if (!provider.embed) throw new UnsupportedParameterError('embeddings', provider.id, 'this vendor has no embeddings API');
        return provider.embed(body, call);
      });
      const result = this.usage.result(run, target, '', 'stop', value.usage);
      this.settle(run, target, result, false);
      return { response: value.response, result };
    } finally {
      this.finish(run);
    }
  }

  /**
   * Routes the request, estimates it once, applies the per-request cost ceiling to every route, then the
   * caller's own limits (allow-list, RPM/TPM, budgets), which may narrow the targets.
   */
  private begin(body: ChatBody, options: RunOptions): MaybePromise<RequestRun> {
    const targets = this.route(body.model, { fallbacks: options.fallbacks, offline: options.offline !== false, arrange: this.arrange });
    const estimate = approximateTokens(body);
    const primary = targets[0];
    const maxOutput = requestedMaxOutput(body) ?? DEFAULT_MAX_TOKENS;
    let worstUsd = '0';
    if (primary && primary.provider !== 'offline') {
      const { prices, unpriced } = this.usage.pricesOf(primary);
      if (unpriced && !this.config.llm.allowUnpricedModels) {
        throw new UnpricedModelError(
          `Model "${primary.model}" on ${primary.provider} has no price in the catalog, so its cost cannot be recorded; use a catalog model (GET /v1/models), add it with MODEL_CATALOG_PATH, or set ALLOW_UNPRICED_MODELS=true`,
        );
      }
      worstUsd = estimatedCost(estimate, maxOutput, prices);
      const worst = Number(worstUsd);
      if (worst > this.config.llm.maxEstimatedCostPerRequest) {
        throw new UnprocessableEntityException(
          `Estimated cost US$${worst.toFixed(4)} (${estimate} input tokens + up to ${maxOutput} output on ${primary.model}) exceeds the per-request ceiling of US$${this.config.llm.maxEstimatedCostPerRequest} (MAX_ESTIMATED_COST_PER_REQUEST); shorten the prompt or lower max_tokens`,
        );
      }
    }
    const route = body.model ?? this.catalog.defaultModel;
    const deadlineMs = options.deadlineMs ?? this.config.llm.requestDeadlineMs;
    const admitted = this.callers.admit(options.caller, route, targets, { tokens: estimate, maxOutput, worstUsd, maxDurationMs: deadlineMs }, options.offline !== false);
    const start = ({ targets: allowed, admission }: CallerAdmission) => {
      const run = new RequestRun(newUuid(), options, allowed, estimate, route, this.clock.nowMs(), deadlineMs);
      run.admission = admission;
      return run;
    };
    // A caller with nothing to reserve is admitted at once: no promise, no turn of the microtask queue.
    return isPromise(admitted) ? admitted.then(start) : start(admitted);
  }

  /**
   * The ordered targets for a requested model; an unknown model is the caller's 400. A route without the caller's own
   * fallbacks or a balanced deployment is the same for every request until the catalog reloads or a model retires, so
   * it is kept (frozen: every run shares it) rather than built per request.
   */
  private route(model: string | undefined, options: RouteOptions): RouteTarget[] {
    const now = this.catalog.now();
    const kept = options.fallbacks ? undefined : options.offline ? this.routes.offline : this.routes.vendorsOnly;
    const memo = kept?.get(model);
    if (memo && memo.generation === this.catalog.generation && memo.from <= now && now < memo.until) return memo.targets;
    try {
      const targets = resolveTargets(model, this.catalog, this.configured, Object.assign({}, options, { now }));
      if (kept && !targets.some((t) => t.deployment) && (kept.size < MAX_KEPT_ROUTES || kept.has(model))) {
        kept.set(model, Object.assign({ targets: Object.freeze(targets.map((t) => Object.freeze(t))) as RouteTarget[], generation: this.catalog.generation }, this.catalog.stableSpan(now)));
      }
      return targets;
    } catch (error) {
      if (error instanceof UnknownModelError) throw new BadRequestException(error.message);
      throw error;
    }
  }

  /**
   * A prompt's input tokens, for Anthropic's count_tokens: Anthropic's own count when Anthropic serves the model's
   * first target, else (another vendor, or Anthropic unreachable) the estimate the gateway itself routes and prices by.
   * Free: no limits charged, no usage row.
   */
  async countInputTokens(body: ChatBody): Promise<{ inputTokens: number; source: 'vendor' | 'estimate' }> {
    const [target] = this.route(body.model, { offline: false, fallbacks: [] });
    const provider = target ? this.providers.forTarget(target) : undefined;
    if (target && provider instanceof AnthropicProvider) {
      const call = { vendorModel: target.vendorModel, signal: new AbortController().signal, timeoutMs: COUNT_TOKENS_TIMEOUT_MS, promptCaching: false, dropUnsupported: true };
      try {
        return { inputTokens: await provider.countTokens(body, call), source: 'vendor' };
      } catch (error) {
        // The caller's own mistake is Anthropic's 400 to give; an unreachable vendor still gets an estimate.
        if (isProviderError(error) && error.kind === 'bad_request') throw new UpstreamRequestError(error);
        this.logger.warn(`count_tokens fell back to the estimate: ${(error as Error).message}`);
      }
    }
    return { inputTokens: approximateTokens(body), source: 'estimate' };
  }

  /** Ends a run: its timers, and the caller's reservation settled with what was really spent. */
  private finish(run: RequestRun): void {
    run.dispose();
    this.callers.settle(run.admission, run.spentTokens, run.spentUsd);
  }

  /**
   * The fallback chain: tries each target through its policy until one answers, announcing each fallback.
   * A caller fault or departure ends the request at once; a target that cannot honour a field is skipped. A prompt
   * a vendor says is too long for its model goes on only to targets whose context window is larger.
   */
  private async firstServing<T>(
    run: RequestRun,
    body: ChatBody | undefined,
    streamed: boolean,
    call: (provider: LlmProvider, providerCall: ReturnType<TargetPolicy['callFor']>) => Promise<T>,
  ): Promise<{ target: RouteTarget; value: T }> {
    const failures: TargetFailure[] = [];
    let unsupported: UnsupportedParameterError | undefined;
    // The largest context window a vendor said the prompt does not fit.
    let outgrownWindow = 0;
    for (const target of run.targets) {
      if (run.signal.aborted && target.provider !== 'offline') continue;
      if (outgrownWindow && target.provider !== 'offline' && (this.contextWindowOf(target) ?? Infinity) <= outgrownWindow) {
        failures.push({ target: targetName(target), reason: 'context_window' });
        continue;
      }
      if (run.target)
        this.events.emit(GatewayEvent.Fallback, { requestId: run.id, from: run.target.provider, to: target.provider, reason: failures.at(-1)?.code ?? failures.at(-1)?.reason ?? 'skipped' });
      run.target = target;
      try {
        const provider = this.providers.forTarget(target);
        if (!provider) throw new TargetSkipped('not_configured', target);
        if (body) provider.check(body, { dropUnsupported: run.options.dropUnsupported });
        return { target, value: await this.policy.execute(run, target, (providerCall) => call(provider, providerCall)) };
      } catch (error) {
        if (isUnsupportedParameterError(error)) {
          unsupported ??= error;
          failures.push({ target: targetName(target), reason: error.message, code: 'unsupported' });
          continue;
        }
        if (error instanceof TargetSkipped) {
          failures.push({ target: targetName(target), reason: error.reason });
          continue;
        }
        const failure = isProviderError(error) ? error : toProviderError(error, target.provider, run.signal);
        if (failure.vendorMessage) this.logger.warn(`${targetName(target)} failed (${failure.kind}, HTTP ${failure.status ?? '-'}): ${redactVendorText(failure.vendorMessage)}`);
        this.usage.failed(run, target, failure, streamed);
        if (failure.kind === 'bad_request') {
          const window = exceedsContextWindow(failure) ? this.contextWindowOf(target) : undefined;
          if (window === undefined || !this.largerWindowAfter(run, target, window)) throw new UpstreamRequestError(failure);
          outgrownWindow = window;
          failures.push({ target: targetName(target), reason: 'context_window' });
          continue;
        }
        if (run.callerLeft) throw failure;
        failures.push({ target: targetName(target), reason: failure.kind });
      }
    }
    if (unsupported && failures.every((f) => f.reason !== 'breaker_open' && f.reason !== 'rate_limited') && failures.length === run.targets.length) throw new BadRequestException(unsupported.message);
    throw new NoTargetServedError(failures);
  }

  private contextWindowOf(target: RouteTarget): number | undefined {
    return this.catalog.get(target.model)?.contextWindow;
  }

  /** Whether a vendor target after `target` may hold more than `window` tokens (a model the catalog does not size may). */
  private largerWindowAfter(run: RequestRun, target: RouteTarget, window: number): boolean {
    return run.targets.slice(run.targets.indexOf(target) + 1).some((next) => next.provider !== 'offline' && (this.contextWindowOf(next) ?? Infinity) > window);
  }

  /** After a success: the usage row and events, and the TPM charge corrected to the vendor's real count. */
  private settle(run: RequestRun, target: RouteTarget, result: LlmResult, streamed: boolean): void {
    this.usage.succeeded(run, target, result, streamed);
    const actual = result.usage.input + result.usage.cacheRead + result.usage.cacheWrite + result.usage.output;
    this.policy.gateFor(target).settled(run, target, actual - run.estimate);
  }
}
