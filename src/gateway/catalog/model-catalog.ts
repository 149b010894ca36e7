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

export interface CatalogModel {
  id: string;
  provider: VendorName;
  vendorModel: string;
  contextWindow: number;
  prices: ModelPrices;
}

export interface ProviderLimits {
  rpm: number;
  tpm: number;
  rpd: number;
}

interface CatalogFile {
  pricesReadOn: string;
  defaultModel: string;
  models: Record<string, Omit<CatalogModel, 'id'>>;
  fallbackChains: Record<string, string[]>;
  providerLimits: Record<string, ProviderLimits>;
}

const FREE: ModelPrices = { input: '0', output: '0', cacheWrite: '0', cacheRead: '0' };

/** Models, prices, fallback chains and provider limits: the checked-in catalog with the operator's overrides. */
export class ModelCatalog {
  readonly models = new Map<string, CatalogModel>();
  readonly chains: Record<string, string[]>;
  readonly limits: Record<VendorName, ProviderLimits>;
  readonly defaultModel: string;
  readonly pricesReadOn: string;

  constructor(file: CatalogFile, config?: AppConfig) {
    for (const [id, model] of Object.entries(file.models)) this.models.set(id, { id, ...model });
    for (const id of config?.vendors.openaiCompatibleModels ?? []) {
      this.models.set(id, { id, provider: 'openai-compatible', vendorModel: id, contextWindow: 32768, prices: FREE });
    }
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

  get(id: string): CatalogModel | undefined {
    return this.models.get(id);
  }

  /** The ordered models to try for a requested model (the model itself first). */
  chainFor(modelId: string): string[] {
    return this.chains[modelId] ?? [modelId];
  }
}
