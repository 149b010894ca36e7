import type { EventEmitter2 } from '@nestjs/event-emitter';
import type { AppConfig } from 'src/config';
import type { KvStore } from 'src/infra/redis';
import type { ModelCatalog } from './catalog/model-catalog';
import type { ProviderRegistry } from './providers/provider.registry';
import type { SharedCircuitBreakers } from './resilience/circuit-breaker';
import type { ProviderRateLimiter } from './resilience/provider-rate-limiter';
import type { QuotaMonitor } from './usage/quota-monitor';

/** Everything the request path needs, built once by the gateway module. */
export interface GatewayDeps {
  config: AppConfig;
  catalog: ModelCatalog;
  providers: ProviderRegistry;
  breakers: SharedCircuitBreakers;
  limiter: ProviderRateLimiter;
  quotas: QuotaMonitor;
  kv: KvStore;
  events: EventEmitter2;
}
