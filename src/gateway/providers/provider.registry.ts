import type { AppConfig, VendorName } from 'src/config';
import type { ProviderId } from '../llm.types';
import { AnthropicProvider } from './anthropic/anthropic.provider';
import { createDeepSeekProvider } from './deepseek/deepseek.provider';
import { GeminiProvider } from './gemini/gemini.provider';
import { createGroqProvider } from './groq/groq.provider';
import { OfflineProvider } from './offline/offline.provider';
import { createOpenAiProvider } from './openai/openai.provider';
import { OpenAiCompatibleProvider } from './openai-compatible/openai-compatible.provider';
import type { LlmProvider } from './provider';

/** The configured vendor strategies keyed by id, plus the always-present offline provider. */
export class ProviderRegistry {
  private readonly providers = new Map<ProviderId, LlmProvider>();
  readonly offline = new OfflineProvider();

  constructor(config: AppConfig) {
    const v = config.vendors;
    const add = (vendor: VendorName, build: () => LlmProvider) => {
      if (config.configuredVendors().includes(vendor)) this.providers.set(vendor, build());
    };
    add('openai', () => createOpenAiProvider(v.openai.apiKey!, v.openai.baseUrl));
    add('anthropic', () => new AnthropicProvider(v.anthropic.apiKey!, v.anthropic.baseUrl));
    add('gemini', () => new GeminiProvider(v.gemini.apiKey!, v.gemini.baseUrl));
    add('groq', () => createGroqProvider(v.groq.apiKey!, v.groq.baseUrl));
    add('deepseek', () => createDeepSeekProvider(v.deepseek.apiKey!, v.deepseek.baseUrl));
    add('openai-compatible', () => new OpenAiCompatibleProvider({ id: 'openai-compatible', apiKey: v['openai-compatible'].apiKey ?? 'not-needed', baseURL: v['openai-compatible'].baseUrl! }));
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
