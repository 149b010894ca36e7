import { Global, Module, OnModuleInit } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { AppConfig } from 'src/config';
import { HealthContributors } from 'src/health/health-contributors';
import { CounterLeases, KvStore, RedisHandle } from 'src/infra/redis';
import { CatalogReloader } from './catalog/catalog-reloader';
import { ModelCatalog } from './catalog/model-catalog';

import { AnthropicDoorController } from './front-door/anthropic-door.controller';
import { ResponsesDoorController } from './front-door/responses-door.controller';
import { OpenAiDoorController } from './front-door/openai-door.controller';
import { GatewayAdmin } from './gateway-admin';
import { GatewayClock } from './gateway-clock';
import { GatewayEvent } from './gateway.events';
import { GatewayService } from './gateway.service';
import { LlmClient } from './llm-client';
import { LlmMetricsListener, noteQuotaUtilization } from './metrics/llm-metrics.listener';
import { ProviderRegistry } from './providers/provider.registry';
import { SharedCircuitBreakers } from './resilience/circuit-breaker';
import { ProviderRateLimiter } from './resilience/provider-rate-limiter';
import { TargetPolicy, VendorGate } from './resilience/target-policy';
import { DeploymentBalancer } from './routing/deployment-balancer';
import { QuotaAlertWriter } from './usage/quota-alert.writer';
import { QuotaMonitor } from './usage/quota-monitor';
import { ResponseCache } from './usage/response-cache';
import { CallerGate } from './usage/caller-gate';
import { UsageRecorder } from './usage/usage-recorder';
import { UsageRetention } from './usage/usage-retention';
import { UsageWriterService } from './usage/usage-writer.service';

const windowsOf = (config: AppConfig) => ({ minute: config.llm.minuteMs, day: config.llm.dayMs });

/** The LLM gateway: providers, resilience, usage and the OpenAI- and Anthropic-compatible doors. */
@Global()
@Module({
  controllers: [OpenAiDoorController, AnthropicDoorController, ResponsesDoorController],
  providers: [
    { provide: ModelCatalog, inject: [AppConfig], useFactory: (config: AppConfig) => ModelCatalog.load(config) },
    { provide: ProviderRegistry, inject: [AppConfig, ModelCatalog], useFactory: (config: AppConfig, catalog: ModelCatalog) => new ProviderRegistry(config, catalog) },
    {
      provide: SharedCircuitBreakers,
      inject: [KvStore, AppConfig],
      useFactory: (kv: KvStore, config: AppConfig) => new SharedCircuitBreakers(kv, { failureThreshold: config.llm.breakerFailureThreshold, openMs: config.llm.breakerOpenMs }),
    },
    {
      provide: ProviderRateLimiter,
      inject: [RedisHandle, AppConfig],
      useFactory: (redis: RedisHandle, config: AppConfig) => new ProviderRateLimiter(redis, windowsOf(config), Date.now, new CounterLeases(config.redis.limitLeaseMs)),
    },
    {
      provide: QuotaMonitor,
      inject: [KvStore, AppConfig, EventEmitter2],
      useFactory: (kv: KvStore, config: AppConfig, events: EventEmitter2) =>
        new QuotaMonitor(kv, windowsOf(config), (alert) => events.emit(GatewayEvent.QuotaAlert, alert), Date.now, noteQuotaUtilization),
    },
    GatewayClock,
    CatalogReloader,
    DeploymentBalancer,
    VendorGate,
    TargetPolicy,
    UsageRecorder,
    CallerGate,
    ResponseCache,
    GatewayService,
    { provide: LlmClient, useExisting: GatewayService },
    GatewayAdmin,
    UsageWriterService,
    UsageRetention,
    QuotaAlertWriter,
    LlmMetricsListener,
  ],
  exports: [LlmClient, GatewayService, GatewayAdmin, UsageWriterService, QuotaMonitor],
})
export class GatewayModule implements OnModuleInit {
  constructor(
    private readonly breakers: SharedCircuitBreakers,
    private readonly providers: ProviderRegistry,
    private readonly events: EventEmitter2,
    private readonly health: HealthContributors,
  ) {}

  async onModuleInit(): Promise<void> {
    const { breakers, providers, events } = this;
    breakers.onChange((provider, breaker) => events.emit(GatewayEvent.ProviderHealth, { provider, breaker }));
    await breakers.start([...providers.vendorIds(), ...providers.deploymentIds()]);
    for (const provider of providers.vendorIds()) events.emit(GatewayEvent.ProviderHealth, { provider, breaker: breakers.state(provider) });
    this.health.register('llm_providers', () => ({
      status: providers.vendorIds().some((p) => breakers.state(p) !== 'open') || providers.vendorIds().length === 0 ? 'up' : 'degraded',
      configured: providers.vendorIds(),
      breakers: Object.fromEntries(providers.vendorIds().map((p) => [p, breakers.state(p)])),
      offline_fallback: 'available',
    }));
  }
}
