import { readFileSync } from 'node:fs';
import type { AppConfig, VendorName } from 'src/config';
import shipped from './models.json';

export interface ModelPrices {
  /** USD per million tokens, as decimal strings (never floats). */
  input: string;
  output: string;
  cacheWrite: string;
  cacheRead: string;
}

/**
 * One place a model is served from: a vendor account (its key named by an environment variable, so no
 * secret lives in the catalog file), a base URL, a region, a weight for load balancing and its own limits.
 */
export interface Deployment {
  id: string;
  provider: VendorName;
  vendorModel: string;
  baseUrl?: string;
  apiKeyEnv?: string;
  region?: string;
  weight: number;
  rpm?: number;
  tpm?: number;
}

export interface CatalogModel {
  id: string;
  provider: VendorName;
  vendorModel: string;
  contextWindow: number;
  prices: ModelPrices;
  /** Several deployments of the model, balanced by weight; absent means the vendor's one default account. */
  deployments?: Deployment[];
}

export interface ProviderLimits {
  rpm: number;
  tpm: number;
  rpd: number;
}

interface CatalogFile {
  pricesReadOn: string;
  defaultModel: string;
  models: Record<string, Omit<CatalogModel, 'id' | 'deployments'> & { deployments?: (Partial<Deployment> & { id: string })[] }>;
  fallbackChains: Record<string, string[]>;
  providerLimits: Record<string, ProviderLimits>;
}

const FREE: ModelPrices = { input: '0', output: '0', cacheWrite: '0', cacheRead: '0' };

/** Models, prices, fallback chains and provider limits: the checked-in catalog with the operator's overrides. */
export class ModelCatalog {
  readonly models = new Map<string, CatalogModel>();
  /** Looked up on every request that names a deployment (its limits), so indexed once per load. */
  private readonly deploymentsById = new Map<string, Deployment>();
  chains: Record<string, string[]>;
  limits: Record<VendorName, ProviderLimits>;
  defaultModel: string;
  pricesReadOn: string;

  constructor(file: CatalogFile, config?: AppConfig) {
    for (const [id, model] of Object.entries(file.models)) {
      const deployments = model.deployments?.map((d) => ({ ...d, provider: d.provider ?? model.provider, vendorModel: d.vendorModel ?? model.vendorModel, weight: d.weight ?? 1 }));
      this.models.set(id, { id, ...model, deployments });
    }
    for (const id of config?.vendors.openaiCompatibleModels ?? []) {
      this.models.set(id, { id, provider: 'openai-compatible', vendorModel: id, contextWindow: 32768, prices: FREE });
    }
    this.assertDeployments();
    this.indexDeployments();
    this.chains = { ...file.fallbackChains, ...(config?.llm.fallbackChains ?? {}) };
    const limits = { ...file.providerLimits } as Record<VendorName, ProviderLimits>;
    for (const [provider, override] of Object.entries(config?.llm.providerLimits ?? {})) {
      limits[provider as VendorName] = { ...limits[provider as VendorName], ...override } as ProviderLimits;
    }
    this.limits = limits;
    this.defaultModel = config?.llm.defaultModel ?? (config?.vendors.anthropicModel && this.models.has(config.vendors.anthropicModel) ? config.vendors.anthropicModel : file.defaultModel);
    this.pricesReadOn = file.pricesReadOn;
  }

  static load(config?: AppConfig): ModelCatalog {
    const file = config?.llm.catalogPath ? (JSON.parse(readFileSync(config.llm.catalogPath, 'utf8')) as CatalogFile) : (shipped as CatalogFile);
    return new ModelCatalog(file, config);
  }

  /** Takes another catalog's contents in place, so every holder of this one sees the reload at once. */
  replaceWith(next: ModelCatalog): void {
    this.models.clear();
    for (const [id, model] of next.models) this.models.set(id, model);
    this.chains = next.chains;
    this.limits = next.limits;
    this.defaultModel = next.defaultModel;
    this.pricesReadOn = next.pricesReadOn;
    this.indexDeployments();
  }

  get(id: string): CatalogModel | undefined {
    return this.models.get(id);
  }

  private assertDeployments(): void {
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const model of this.models.values()) {
      for (const d of model.deployments ?? []) {
        if (!/^[a-z0-9][a-z0-9._-]{0,62}$/i.test(d.id)) problems.push(`${model.id}: deployment id "${d.id}" must be 1-63 letters, digits, . _ -`);
        if (seen.has(d.id)) problems.push(`${model.id}: deployment id "${d.id}" is used twice`);
        seen.add(d.id);
        if (!(d.weight > 0)) problems.push(`${model.id}/${d.id}: weight must be above 0`);
        if (d.apiKeyEnv && !/^[A-Z][A-Z0-9_]*$/.test(d.apiKeyEnv)) problems.push(`${model.id}/${d.id}: apiKeyEnv must name an environment variable`);
      }
    }
    if (problems.length) throw new Error(`Invalid model catalog deployments:\n  - ${problems.join('\n  - ')}`);
  }

  /** Every deployment of every model (their ids are the keys of their breakers and limits). */
  deployments(): Deployment[] {
    return [...this.deploymentsById.values()];
  }

  deployment(id: string): Deployment | undefined {
    return this.deploymentsById.get(id);
  }

  private indexDeployments(): void {
    this.deploymentsById.clear();
    for (const model of this.models.values()) for (const d of model.deployments ?? []) this.deploymentsById.set(d.id, d);
  }

  /** A deployment's own limits over its vendor's (a deployment is one account with its own quotas). */
  limitsFor(provider: string, deploymentId?: string): ProviderLimits | undefined {
    const base = this.limits[provider as VendorName];
    const d = deploymentId ? this.deployment(deploymentId) : undefined;
    if (!d || !base) return base;
    return { ...base, ...(d.rpm !== undefined ? { rpm: d.rpm } : {}), ...(d.tpm !== undefined ? { tpm: d.tpm } : {}) };
  }

  /** The ordered models to try for a requested model (the model itself first). */
  chainFor(modelId: string): string[] {
    return this.chains[modelId] ?? [modelId];
  }
}
