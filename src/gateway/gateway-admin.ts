import { Injectable } from '@nestjs/common';
import { CatalogReload, CatalogReloader } from './catalog/catalog-reloader';
import { ModelCatalog, ModelRetirement, ProviderLimits } from './catalog/model-catalog';
import { ProviderRegistry } from './providers/provider.registry';
import { BreakerState, SharedCircuitBreakers } from './resilience/circuit-breaker';
import { ProviderRateLimiter } from './resilience/provider-rate-limiter';

export type QuotaWindow = 'rpm' | 'tpm' | 'rpd';

/** What the admin module may see and do of the gateway's live state, and nothing more. */
@Injectable()
export class GatewayAdmin {
  constructor(
    private readonly catalog: ModelCatalog,
    private readonly providers: ProviderRegistry,
    private readonly breakers: SharedCircuitBreakers,
    private readonly limiter: ProviderRateLimiter,
    private readonly reloader: CatalogReloader,
  ) {}

  /** Re-reads MODEL_CATALOG_PATH (models, deployments, chains, limits) on this replica. */
  reloadCatalog(): Promise<CatalogReload> {
    return this.reloader.reload();
  }

  /** Every vendor of the catalog, configured or not. */
  knownProviders(): string[] {
    return Object.keys(this.catalog.limits);
  }

  /** Catalog models retired, or retiring within 60 days, with what answers for them. */
  modelRetirements(): ModelRetirement[] {
    return this.catalog.retirementsAround();
  }

  configuredProviders(): string[] {
    return this.providers.vendorIds();
  }

  limitsOf(provider: string): ProviderLimits | undefined {
    return this.catalog.limits[provider as keyof ModelCatalog['limits']];
  }

  breakerState(provider: string): BreakerState {
    return this.breakers.state(provider);
  }

  /** Force-closes a breaker on every replica. */
  closeBreaker(provider: string): Promise<void> {
    return this.breakers.close(provider);
  }

  quotaUsage(provider: string): Promise<Record<QuotaWindow, number>> {
    return this.limiter.usage(provider);
  }

  /** Clears a provider's RPM/TPM/RPD windows on every replica. */
  resetQuotas(provider: string): Promise<void> {
    return this.limiter.reset(provider);
  }
}
