import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { unwatchFile, watchFile } from 'node:fs';
import { AppConfig } from 'src/config';
import { ProviderRegistry } from '../providers/provider.registry';
import { SharedCircuitBreakers } from '../resilience/circuit-breaker';
import { ModelCatalog } from './model-catalog';
import { watchModelRetirements } from '../metrics/model-retirement.gauge';

export interface CatalogReload {
  reloaded: boolean;
  models: number;
  deployments: number;
  /** Why the file was refused (the running catalog is kept). */
  problems?: string;
}

/**
 * Hot reload of the operator's catalog file (MODEL_CATALOG_PATH: models, prices, deployments, chains, limits):
 * on change of the file and on an admin call. A file that fails validation is refused whole, naming every
 * problem, and the running catalog stays.
 */
@Injectable()
export class CatalogReloader implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Catalog');

  constructor(
    private readonly config: AppConfig,
    private readonly catalog: ModelCatalog,
    private readonly providers: ProviderRegistry,
    private readonly breakers: SharedCircuitBreakers,
  ) {}

  onModuleInit(): void {
    watchModelRetirements(this.catalog);
    this.logRetirements();
    const path = this.config.llm.catalogPath;
    if (path) watchFile(path, { interval: 1000, persistent: false }, () => void this.reload());
  }

  onModuleDestroy(): void {
    if (this.config.llm.catalogPath) unwatchFile(this.config.llm.catalogPath);
  }

  async reload(): Promise<CatalogReload> {
    let next: ModelCatalog;
    try {
      next = ModelCatalog.load(this.config);
    } catch (error) {
      const problems = (error as Error).message;
      this.logger.error(`catalog file refused, the running catalog stays: ${problems}`);
      return { reloaded: false, models: this.catalog.models.size, deployments: this.catalog.deployments().length, problems };
    }
    this.catalog.replaceWith(next);
    this.providers.loadDeployments(this.catalog);
    await Promise.all(this.providers.deploymentIds().map((id) => this.breakers.refresh(id).catch(() => undefined)));
    this.logger.log(`catalog reloaded: ${this.catalog.models.size} models, ${this.catalog.deployments().length} deployments`);
    this.logRetirements();
    return { reloaded: true, models: this.catalog.models.size, deployments: this.catalog.deployments().length };
  }

  /** Models the vendors have shut down or will within 60 days: an operator sees what will answer for them. */
  private logRetirements(): void {
    for (const note of this.catalog.retirementNotes()) this.logger.warn(`model catalog: ${note}`);
  }
}
