import { BadRequestException, HttpException, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { GatewayEvent } from './gateway.events';
import type { GatewayDeps } from './gateway-deps';
import { LlmClient } from './llm-client';
import type { LlmRequest, LlmResult, LlmStreamEvent, ProviderId, TokenUsage } from './llm.types';
import { approximateTokens, isProviderError, LlmProvider, NO_USAGE, ProviderCall, ProviderError, ProviderStreamChunk, toProviderError } from './providers/provider';
import { RouteTarget, resolveTargets, UnknownModelError } from './routing/router';
import { Attempts, TargetExecutor, TargetSkipped } from './target-executor';
import { costOf, estimatedCost } from './usage/pricing';
import type { UsageRecord } from './usage/usage-record';

const DEFAULT_MAX_TOKENS = 1024;

/** A vendor rejected the caller's own request (4xx): never retried, never a fallback. */
export class UpstreamRequestError extends HttpException {
  constructor(readonly providerError: ProviderError) {
    super(`The ${providerError.provider} API rejected the request: ${providerError.message}`, providerError.status && providerError.status < 500 ? providerError.status : 400);
  }
}

/** A stream that failed after text was sent: it must end with an error, never a clean end. */
export class StreamInterruptedError extends Error {
  readonly kind = 'stream_interrupted';
}

interface Prepared {
  requestId: string;
  started: number;
  targets: RouteTarget[];
  estimate: number;
  signal: AbortSignal;
  /** Clears the deadline timer and the caller-abort listener. */
  dispose(): void;
  deadline: number;
  cacheKey?: string;
}

/** The one request path for every AI call: limits, breakers, retries, fallback, costs and events. */
@Injectable()
export class GatewayService extends LlmClient {
  private readonly executor: TargetExecutor;
  private readonly configured: Set<ProviderId>;

  constructor(private readonly deps: GatewayDeps) {
    super();
    this.executor = new TargetExecutor(deps);
    this.configured = new Set(deps.providers.vendorIds());
  }

  hasVendors(): boolean {
    return this.configured.size > 0;
  }

  private prepare(request: LlmRequest): Prepared {
    const { config, catalog } = this.deps;
    let targets: RouteTarget[];
    try {
      targets = resolveTargets(request.model, catalog, this.configured);
    } catch (error) {
      if (error instanceof UnknownModelError) throw new BadRequestException(error.message);
      throw error;
    }
    const primary = targets[0];
    const estimate = approximateTokens(request);
    const prices = catalog.get(primary.model)?.prices;
    if (prices && primary.provider !== 'offline') {
      const worst = estimatedCost(estimate, request.maxTokens ?? DEFAULT_MAX_TOKENS, prices);
      if (worst > config.llm.maxEstimatedCostPerRequest) {
        throw new UnprocessableEntityException(
          `Estimated cost US$${worst.toFixed(4)} (${estimate} input tokens + up to ${request.maxTokens ?? DEFAULT_MAX_TOKENS} output on ${primary.model}) exceeds the per-request ceiling of US$${config.llm.maxEstimatedCostPerRequest} (MAX_ESTIMATED_COST_PER_REQUEST); shorten the prompt or lower max_tokens`,
        );
      }
    }
    const deadline = Date.now() + (request.deadlineMs ?? config.llm.requestDeadlineMs);
    // One controller per request rather than AbortSignal.any/timeout, which allocate per call and were
    // measured leaking memory under sustained load on Node 20.
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new DOMException('Request deadline reached', 'TimeoutError')), Math.max(1, deadline - Date.now()));
    const onCallerAbort = () => controller.abort(request.signal?.reason);
    if (request.signal?.aborted) onCallerAbort();
    else request.signal?.addEventListener('abort', onCallerAbort, { once: true });
    const deterministic = request.temperature === 0 && !request.noCache && config.llm.responseCacheTtlSeconds > 0;
    return {
      requestId: request.requestId ?? randomUUID(),
      started: performance.now(),
      targets,
      estimate,
      signal: controller.signal,
      dispose: () => {
        clearTimeout(timer);
        request.signal?.removeEventListener('abort', onCallerAbort);
      },
      deadline,
      cacheKey: deterministic ? this.cacheKey(request, targets[0]) : undefined,
    };
  }

  private cacheKey(request: LlmRequest, primary: RouteTarget): string {
    const material = JSON.stringify([primary.model, request.system, request.messages, request.maxTokens, request.json]);
    return `llm-cache:${createHash('sha256').update(material).digest('hex')}`;
  }

  async complete(request: LlmRequest): Promise<LlmResult> {
    const p = this.prepare(request);
    try {
      return await this.completePrepared(request, p);
    } finally {
      p.dispose();
    }
  }

  private async completePrepared(request: LlmRequest, p: Prepared): Promise<LlmResult> {
    if (p.cacheKey) {
      const hit = await this.deps.kv.get(p.cacheKey);
      if (hit) {
        const cached = { ...(JSON.parse(hit) as LlmResult), cached: true, costUsd: '0.000000000000', requestId: p.requestId, latencyMs: Math.round(performance.now() - p.started) };
        this.record(request, p, cached, 'cached', false);
        this.deps.events.emit(GatewayEvent.ResponseCacheHit, { requestId: p.requestId });
        return cached;
      }
    }
    const attempts: Attempts = { count: 0, vendorMs: 0 };
    const { target, value: completion } = await this.firstServing(request, p, attempts, false, (provider, call) => provider.complete(call));
    const result = this.result(p, target, completion.text, completion.finishReason, completion.usage, attempts.count);
    this.afterSuccess(request, p, target, result, false, undefined, target.provider === 'offline' ? undefined : result.latencyMs - attempts.vendorMs);
    if (p.cacheKey && target.provider !== 'offline') void this.deps.kv.set(p.cacheKey, JSON.stringify(result), this.deps.config.llm.responseCacheTtlSeconds * 1000).catch(() => undefined);
    return result;
  }

  /**
   * The fallback chain both paths share: tries each target through its gates and retries until one answers,
   * announcing each fallback; a caller fault or departure ends the request at once.
   */
  private async firstServing<T>(request: LlmRequest, p: Prepared, attempts: Attempts, streamed: boolean, run: (provider: LlmProvider, call: ProviderCall) => Promise<T>): Promise<{ target: RouteTarget; value: T }> {
    let previous: RouteTarget | undefined;
    let lastError: ProviderError | undefined;
    for (const target of p.targets) {
      if (p.signal.aborted && target.provider !== 'offline') continue;
      if (previous) this.deps.events.emit(GatewayEvent.Fallback, { requestId: p.requestId, from: previous.provider, to: target.provider, reason: lastError?.kind ?? 'skipped' });
      previous = target;
      try {
        const provider = this.executor.provider(target);
        await this.executor.admit(target, p.estimate, p.signal);
        return { target, value: await this.executor.withRetries(target, p.signal, attempts, (call) => run(provider, call), request, p.estimate, p.deadline) };
      } catch (error) {
        lastError = this.handleTargetError(error, request, p, target, attempts, streamed);
      }
    }
    throw lastError ?? new Error('No route could serve the request');
  }

  /** Decides whether a failed target ends the request (caller fault, abort) or lets the next target try. */
  private handleTargetError(error: unknown, request: LlmRequest, p: Prepared, target: RouteTarget, attempts: Attempts, streamed: boolean): ProviderError | undefined {
    if (error instanceof TargetSkipped) return new ProviderError('server', `skipped: ${error.reason}`, target.provider);
    const pe = isProviderError(error) ? error : toProviderError(error, target.provider, p.signal);
    // The caller's own fault or departure ends the request; a spent deadline moves on to the offline answer.
    if (pe.kind === 'bad_request' || request.signal?.aborted) {
      this.recordFailure(request, p, target, pe, attempts.count, streamed);
      if (pe.kind === 'bad_request') throw new UpstreamRequestError(pe);
      throw pe;
    }
    return pe;
  }

  async *stream(request: LlmRequest): AsyncIterable<LlmStreamEvent> {
    const p = this.prepare({ ...request, noCache: true });
    try {
      yield* this.streamPrepared(request, p);
    } finally {
      p.dispose();
    }
  }

  private async *streamPrepared(request: LlmRequest, p: Prepared): AsyncIterable<LlmStreamEvent> {
    const attempts: Attempts = { count: 0, vendorMs: 0 };
    // Fallback is allowed only until the first chunk arrives: a target serves once its stream has started.
    const { target, value } = await this.firstServing(request, p, attempts, true, async (provider, call) => {
      const iterator = provider.stream(call)[Symbol.asyncIterator]();
      try {
        return { iterator, first: await iterator.next() };
      } catch (error) {
        await iterator.return?.().catch(() => undefined);
        throw error;
      }
    });
    yield* this.relay(request, p, target, value.iterator, value.first, attempts);
  }

  private async *relay(request: LlmRequest, p: Prepared, target: RouteTarget, iterator: AsyncIterator<ProviderStreamChunk>, first: IteratorResult<ProviderStreamChunk>, attempts: Attempts): AsyncIterable<LlmStreamEvent> {
    yield { type: 'start', provider: target.provider, model: target.model };
    let text = '';
    let firstTokenAt: number | undefined;
    let step = first;
    try {
      while (!step.done) {
        const chunk = step.value;
        if (chunk.type === 'text') {
          firstTokenAt ??= performance.now();
          text += chunk.text;
          yield { type: 'text', text: chunk.text };
        } else {
          const result = this.result(p, target, text, chunk.finishReason, chunk.usage, attempts.count);
          this.afterSuccess(request, p, target, result, true, firstTokenAt);
          yield { type: 'done', result };
          return;
        }
        step = await iterator.next();
      }
      throw new ProviderError('stream_interrupted', 'Vendor stream ended without usage', target.provider);
    } catch (error) {
      const pe = toProviderError(error, target.provider, p.signal);
      if (target.provider !== 'offline' && pe.kind !== 'aborted') void this.deps.breakers.recordFailure(target.provider).catch(() => undefined);
      this.recordFailure(request, p, target, pe, attempts.count, true, { ...NO_USAGE, input: p.estimate, output: Math.ceil(text.length / 4) });
      throw new StreamInterruptedError(`The ${target.provider} stream failed after ${text.length} characters: ${pe.message}`);
    } finally {
      if (!step.done) await iterator.return?.().catch(() => undefined);
    }
  }

  private result(p: Prepared, target: RouteTarget, text: string, finishReason: LlmResult['finishReason'], usage: TokenUsage, attempts: number): LlmResult {
    const prices = this.deps.catalog.get(target.model)?.prices;
    return {
      text,
      provider: target.provider,
      model: target.model,
      finishReason,
      usage,
      latencyMs: Math.round(performance.now() - p.started),
      costUsd: prices ? costOf(usage, prices) : '0.000000000000',
      attempts: Math.max(attempts, 1),
      usedFallback: target !== p.targets[0],
      cached: false,
      requestId: p.requestId,
    };
  }

  private afterSuccess(request: LlmRequest, p: Prepared, target: RouteTarget, result: LlmResult, streamed: boolean, firstTokenAt?: number, overheadMs?: number): void {
    this.record(request, p, result, 'success', streamed);
    this.deps.events.emit(GatewayEvent.Completed, { result, operation: request.operation, streamed, ttftMs: firstTokenAt ? firstTokenAt - p.started : undefined, overheadMs });
    if (target.provider !== 'offline') {
      const actual = result.usage.input + result.usage.cacheRead + result.usage.cacheWrite + result.usage.output;
      void this.deps.limiter.correctTokens(target.provider, actual - p.estimate).catch(() => undefined);
    }
  }

  private record(request: LlmRequest, p: Prepared, result: LlmResult, status: UsageRecord['status'], streamed: boolean): void {
    this.emitUsage(request, p, {
      provider: status === 'cached' ? 'cache' : result.provider, model: result.model, usage: result.usage, costUsd: result.costUsd,
      latencyMs: result.latencyMs, status, attempts: result.attempts, usedFallback: result.usedFallback, streamed,
    });
  }

  /** A failed target: a usage row ('partial' when a stream was cut after some text) and a failure event. */
  private recordFailure(request: LlmRequest, p: Prepared, target: RouteTarget, error: ProviderError, attempts: number, streamed: boolean, partial?: TokenUsage): void {
    this.recordTarget(request, p, target, partial ?? NO_USAGE, partial ? 'partial' : 'error', attempts, streamed, error.kind);
    this.deps.events.emit(GatewayEvent.Failed, { provider: target.provider, model: target.model, operation: request.operation, kind: error.kind });
  }

  /** A usage row for a target that did not complete (error, or a stream cut after some text). */
  private recordTarget(request: LlmRequest, p: Prepared, target: RouteTarget, usage: TokenUsage, status: UsageRecord['status'], attempts: number, streamed: boolean, errorKind: string): void {
    const prices = this.deps.catalog.get(target.model)?.prices;
    this.emitUsage(request, p, {
      provider: target.provider, model: target.model, usage, costUsd: prices ? costOf(usage, prices) : '0.000000000000',
      latencyMs: Math.round(performance.now() - p.started), status, attempts: Math.max(attempts, 1), usedFallback: target !== p.targets[0], streamed, errorKind,
    });
  }

  /** The one place a usage row is put together: caller, operation and route come from the request. */
  private emitUsage(request: LlmRequest, p: Prepared, outcome: Omit<UsageRecord, 'requestId' | 'createdAt' | 'apiKeyName' | 'companyId' | 'operation' | 'route'>): void {
    this.deps.events.emit(GatewayEvent.Usage, {
      requestId: p.requestId, createdAt: new Date(), apiKeyName: request.caller.apiKeyName, companyId: request.caller.companyId ?? null,
      operation: request.operation, route: request.model ?? this.deps.catalog.defaultModel, ...outcome,
    } satisfies UsageRecord);
  }
}
