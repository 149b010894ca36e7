import type { AppConfig, VendorName } from 'src/config';
import type { Deployment, ModelCatalog } from '../catalog/model-catalog';
import type { ProviderId } from '../llm.types';
import { OfflineProvider } from './offline/offline.provider';
import type { LlmProvider } from './provider';

/* eslint-disable @typescript-eslint/no-require-imports */
// Vendor modules are loaded only for configured vendors (their mappers and SDK types are not needed otherwise).
const load = {
  anthropic: () => (require('./anthropic/anthropic.provider') as typeof import('./anthropic/anthropic.provider')).AnthropicProvider,
  gemini: () => (require('./gemini/gemini.provider') as typeof import('./gemini/gemini.provider')).GeminiProvider,
  openai: () => (require('./openai/openai.provider') as typeof import('./openai/openai.provider')).createOpenAiProvider,
  groq: () => (require('./groq/groq.provider') as typeof import('./groq/groq.provider')).createGroqProvider,
  deepseek: () => (require('./deepseek/deepseek.provider') as typeof import('./deepseek/deepseek.provider')).createDeepSeekProvider,
  compatible: () => (require('./openai-compatible/openai-compatible.provider') as typeof import('./openai-compatible/openai-compatible.provider')).OpenAiCompatibleProvider,
};

/** The configured vendor strategies keyed by id, one per deployment with its own account, plus the offline provider. */
export class ProviderRegistry {
  private readonly providers = new Map<ProviderId, LlmProvider>();
  private readonly deployments = new Map<string, LlmProvider>();
  readonly offline = new OfflineProvider();

  constructor(
    private readonly config: AppConfig,
    catalog?: ModelCatalog,
    private readonly env: Record<string, string | undefined> = process.env,
  ) {
    const v = config.vendors;
    for (const vendor of config.configuredVendors()) this.providers.set(vendor, build(vendor, v[vendor].apiKey ?? 'not-needed', v[vendor].baseUrl));
    this.providers.set('offline', this.offline);
    if (catalog) this.loadDeployments(catalog);
  }

  /** (Re)builds one provider per deployment with an account, from the catalog's current deployments. */
  loadDeployments(catalog: ModelCatalog): void {
    const v = this.config.vendors;
    const env = this.env;
    this.deployments.clear();
    for (const d of catalog.deployments()) {
      const apiKey = d.apiKeyEnv ? env[d.apiKeyEnv] : v[d.provider].apiKey;
      const baseUrl = d.baseUrl ?? v[d.provider].baseUrl;
      if (apiKey || (d.provider === 'openai-compatible' && baseUrl)) this.deployments.set(d.id, build(d.provider, apiKey ?? 'not-needed', baseUrl));
    }
  }

  get(id: ProviderId): LlmProvider | undefined {
    return this.providers.get(id);
  }

  /** The provider that serves a target: its deployment's own account, else the vendor's default one. */
  forTarget(target: { provider: ProviderId; deployment?: string }): LlmProvider | undefined {
    return (target.deployment && this.deployments.get(target.deployment)) || this.providers.get(target.provider);
  }

  /** Whether a deployment has an account to call (its own key, or its vendor's). */
  serves(deployment: Deployment): boolean {
    return this.deployments.has(deployment.id);
  }

  /** Configured real vendors (the offline provider excluded). */
  vendorIds(): ProviderId[] {
    return [...this.providers.keys()].filter((id) => id !== 'offline');
  }

  /** Deployment ids with an account (each has its own breaker and limits). */
  deploymentIds(): string[] {
    return [...this.deployments.keys()];
  }
}

function build(vendor: VendorName, apiKey: string, baseUrl: string | undefined): LlmProvider {
  switch (vendor) {
    case 'openai':
      return load.openai()(apiKey, baseUrl);
    case 'anthropic':
      return new (load.anthropic())(apiKey, baseUrl);
    case 'gemini':
      return new (load.gemini())(apiKey, baseUrl);
    case 'groq':
      return load.groq()(apiKey, baseUrl);
    case 'deepseek':
      return load.deepseek()(apiKey, baseUrl);
    case 'openai-compatible':
      return new (load.compatible())({ id: 'openai-compatible', apiKey, baseURL: baseUrl! });
  }
}
