import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { newUuid } from 'src/common/ids';
import { AppConfig } from 'src/config';
import { ModelCatalog, ModelPrices } from '../catalog/model-catalog';
import { GatewayClock } from '../gateway-clock';
import { GatewayEvent } from '../gateway.events';
import type { FinishReason, LlmResult, TokenUsage } from '../llm.types';
import { NO_USAGE, ProviderError } from '../providers/provider';
import type { RequestRun } from '../request-run';
import type { RouteTarget } from '../routing/router';
import { costOf } from './pricing';
import type { UsageRecord } from './usage-record';

const FREE: ModelPrices = { input: '0', output: '0', cacheRead: '0', cacheWrite: '0' };

/**
 * Prices a target and records every outcome of a request: one usage row per target that was called
 * (success, error, a stream cut midway, a cache hit) and the matching events for metrics.
 */
@Injectable()
export class UsageRecorder {
  constructor(
    private readonly catalog: ModelCatalog,
    private readonly config: AppConfig,
    private readonly events: EventEmitter2,
    private readonly clock: GatewayClock,
  ) {}

  /** The target's catalog prices; a model without one is priced at the operator's default and flagged. */
  pricesOf(target: RouteTarget): { prices: ModelPrices; unpriced: boolean } {
    if (target.provider === 'offline') return { prices: FREE, unpriced: false };
    const model = this.catalog.get(target.model);
    if (model && model.provider === target.provider) return { prices: model.prices, unpriced: false };
    const { input, output } = this.config.llm.unpricedPrice;
    return { prices: { input, output, cacheRead: input, cacheWrite: input }, unpriced: true };
  }

  result(run: RequestRun, target: RouteTarget, text: string, finishReason: FinishReason, usage: TokenUsage): LlmResult {
    return {
      text,
      provider: target.provider,
      model: target.model,
      finishReason,
      usage,
      latencyMs: run.latencyMs(),
      costUsd: costOf(usage, this.pricesOf(target).prices),
      attempts: Math.max(run.attempts, 1),
      usedFallback: target !== run.targets[0],
      cached: false,
      requestId: run.id,
    };
  }

  succeeded(run: RequestRun, target: RouteTarget, result: LlmResult, streamed: boolean): void {
    run.spend(result.usage, result.costUsd);
    this.row(run, { provider: result.provider, model: result.model, usage: result.usage, costUsd: result.costUsd, status: 'success', streamed, unpriced: this.pricesOf(target).unpriced });
    this.events.emit(GatewayEvent.Completed, {
      result,
      operation: run.options.operation,
      streamed,
      ttftMs: run.firstTokenAt ? run.firstTokenAt - run.started : undefined,
      overheadMs: target.provider === 'offline' || streamed ? undefined : run.overheadMs(),
    });
  }

  cacheHit(run: RequestRun, result: LlmResult): void {
    this.row(run, { provider: 'cache', model: result.model, usage: result.usage, costUsd: result.costUsd, status: 'cached', streamed: false, unpriced: false });
    this.events.emit(GatewayEvent.ResponseCacheHit, { requestId: run.id });
  }

  /** A target that failed: an error row (or 'partial' with what a cut stream spent) and a failure event. */
  failed(run: RequestRun, target: RouteTarget, error: ProviderError, streamed: boolean, partial?: TokenUsage): void {
    const usage = partial ?? NO_USAGE;
    const { prices, unpriced } = this.pricesOf(target);
    const costUsd = costOf(usage, prices);
    run.spend(usage, costUsd);
    this.row(run, { provider: target.provider, model: target.model, usage, costUsd, status: partial ? 'partial' : 'error', streamed, errorKind: error.kind, unpriced });
    this.events.emit(GatewayEvent.Failed, { provider: target.provider, model: target.model, operation: run.options.operation, kind: error.kind });
  }

  private row(run: RequestRun, outcome: Pick<UsageRecord, 'provider' | 'model' | 'usage' | 'costUsd' | 'status' | 'streamed' | 'errorKind' | 'unpriced'>): void {
    const { caller, operation, correlationId, tags } = run.options;
    this.events.emit(GatewayEvent.Usage, {
      rowId: newUuid(),
      requestId: run.id,
      correlationId,
      createdAt: this.clock.now(),
      apiKeyName: caller.apiKeyName,
      companyId: caller.companyId ?? null,
      operation,
      route: run.route,
      latencyMs: run.latencyMs(),
      attempts: Math.max(run.attempts, 1),
      usedFallback: run.usedFallback,
      tags,
      // Named one by one: a spread of `outcome` copied its fields through V8's slow generic path.
      provider: outcome.provider,
      model: outcome.model,
      usage: outcome.usage,
      costUsd: outcome.costUsd,
      status: outcome.status,
      streamed: outcome.streamed,
      errorKind: outcome.errorKind,
      unpriced: outcome.unpriced,
    } satisfies UsageRecord);
  }
}
