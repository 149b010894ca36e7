import type { AppConfig, VendorName } from 'src/config';
import type { ProviderId } from '../llm.types';
import { OfflineProvider } from './offline/offline.provider';
import type { LlmProvider } from './provider';

/* eslint-disable @typescript-eslint/no-require-imports */
// Vendor SDKs are loaded only for configured vendors: each costs memory and start-up time (the Gemini SDK
// alone is several MB of code), and most deployments use one or two vendors.
const load = {
  anthropic: () => (require('./anthropic/anthropic.provider') as typeof import('./anthropic/anthropic.provider')).AnthropicProvider,
  gemini: () => (require('./gemini/gemini.provider') as typeof import('./gemini/gemini.provider')).GeminiProvider,
  openai: () => (require('./openai/openai.provider') as typeof import('./openai/openai.provider')).createOpenAiProvider,
  groq: () => (require('./groq/groq.provider') as typeof import('./groq/groq.provider')).createGroqProvider,
  deepseek: () => (require('./deepseek/deepseek.provider') as typeof import('./deepseek/deepseek.provider')).createDeepSeekProvider,
  compatible: () => (require('./openai-compatible/openai-compatible.provider') as typeof import('./openai-compatible/openai-compatible.provider')).OpenAiCompatibleProvider,
};

/** The configured vendor strategies keyed by id, plus the always-present offline provider. */
export class ProviderRegistry {
  private readonly providers = new Map<ProviderId, LlmProvider>();
  readonly offline = new OfflineProvider();

  constructor(config: AppConfig) {
    const v = config.vendors;
    const add = (vendor: VendorName, build: () => LlmProvider) => {
      if (config.configuredVendors().includes(vendor)) this.providers.set(vendor, build());
    };
    add('openai', () => load.openai()(v.openai.apiKey!, v.openai.baseUrl));
    add('anthropic', () => new (load.anthropic())(v.anthropic.apiKey!, v.anthropic.baseUrl));
    add('gemini', () => new (load.gemini())(v.gemini.apiKey!, v.gemini.baseUrl));
    add('groq', () => load.groq()(v.groq.apiKey!, v.groq.baseUrl));
    add('deepseek', () => load.deepseek()(v.deepseek.apiKey!, v.deepseek.baseUrl));
    add('openai-compatible', () => new (load.compatible())({ id: 'openai-compatible', apiKey: v['openai-compatible'].apiKey ?? 'not-needed', baseURL: v['openai-compatible'].baseUrl! }));
    this.providers.set('offline', this.offline);
  }

  get(id: ProviderId): LlmProvider | undefined {
    return this.providers.get(id);
  }

  /** Configured real vendors (the offline provider excluded). */
  vendorIds(): ProviderId[] {
    return [...this.providers.keys()].filter((id) => id !== 'offline');
  }
}
