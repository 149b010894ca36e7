import { Global, Inject, Module, OnModuleInit } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { AppConfig } from 'src/config';
import { HealthContributors } from 'src/health/health-contributors';
import { KvStore, RedisHandle } from 'src/infra/redis';
import { ModelCatalog } from './catalog/model-catalog';
import { OpenAiFrontDoorController } from './front-door/openai-front-door.controller';
import { GatewayEvent } from './gateway.events';
import type { GatewayDeps } from './gateway-deps';
import { GatewayService } from './gateway.service';
import { LlmClient } from './llm-client';
import { LlmMetricsListener, quotaUtilization } from './metrics/llm-metrics.listener';
import { ProviderRegistry } from './providers/provider.registry';
import { SharedCircuitBreakers } from './resilience/circuit-breaker';
import { ProviderRateLimiter } from './resilience/provider-rate-limiter';
import { QuotaAlertWriter } from './usage/quota-alert.writer';
import { QuotaMonitor } from './usage/quota-monitor';
import { UsageWriterService } from './usage/usage-writer.service';

export { GATEWAY_DEPS } from './gateway.module.tokens';
import { GATEWAY_DEPS } from './gateway.module.tokens';

/** The LLM gateway: providers, resilience, usage and the OpenAI-compatible front door. */
@Global()
@Module({
  controllers: [OpenAiFrontDoorController],
  providers: [
    {
      provide: GATEWAY_DEPS,
      inject: [AppConfig, KvStore, RedisHandle, EventEmitter2],
      useFactory: (config: AppConfig, kv: KvStore, redis: RedisHandle, events: EventEmitter2): GatewayDeps => {
        const windowMs = { minute: config.llm.minuteMs, day: config.llm.dayMs };
        return {
          config,
          kv,
          events,
          catalog: ModelCatalog.load(config),
          providers: new ProviderRegistry(config),
          breakers: new SharedCircuitBreakers(kv, { failureThreshold: config.llm.breakerFailureThreshold, openMs: config.llm.breakerOpenMs }),
          limiter: new ProviderRateLimiter(redis, windowMs),
          quotas: new QuotaMonitor(kv, windowMs, (alert) => events.emit(GatewayEvent.QuotaAlert, alert), Date.now, (provider, window, ratio) => quotaUtilization.set({ provider, window }, ratio)),
        };
      },
    },
    { provide: GatewayService, inject: [GATEWAY_DEPS], useFactory: (deps: GatewayDeps) => new GatewayService(deps) },
    { provide: LlmClient, useExisting: GatewayService },
    UsageWriterService,
    QuotaAlertWriter,
    LlmMetricsListener,
  ],
  exports: [LlmClient, GatewayService, GATEWAY_DEPS, UsageWriterService],
})
export class GatewayModule implements OnModuleInit {
  constructor(
    @Inject(GATEWAY_DEPS) private readonly deps: GatewayDeps,
    private readonly health: HealthContributors,
  ) {}

  async onModuleInit(): Promise<void> {
    const { breakers, providers, events } = this.deps;
    breakers.onChange((provider, breaker) => events.emit(GatewayEvent.ProviderHealth, { provider, breaker }));
    await breakers.start(providers.vendorIds());
    for (const provider of providers.vendorIds()) events.emit(GatewayEvent.ProviderHealth, { provider, breaker: breakers.state(provider) });
    this.health.register('llm_providers', () => ({
      status: providers.vendorIds().some((p) => breakers.state(p) !== 'open') || providers.vendorIds().length === 0 ? 'up' : 'degraded',
      configured: providers.vendorIds(),
      breakers: Object.fromEntries(providers.vendorIds().map((p) => [p, breakers.state(p)])),
      offline_fallback: 'available',
    }));
  }
}
