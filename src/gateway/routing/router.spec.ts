import { ModelCatalog } from '../catalog/model-catalog';
import type { ProviderId } from '../llm.types';
import { resolveTargets, UnknownModelError } from './router';

const catalog = ModelCatalog.load();
const offline = { provider: 'offline', model: 'offline', vendorModel: 'offline' };
const configured = (...ids: ProviderId[]) => new Set<ProviderId>(ids);

describe(resolveTargets.name, () => {
  it('follows the fallback chain through configured vendors and ends with offline', () => {
    expect(resolveTargets('gpt-4o-mini', catalog, configured('openai', 'anthropic', 'gemini'))).toEqual([
      { provider: 'openai', model: 'gpt-4o-mini', vendorModel: 'gpt-4o-mini' },
      { provider: 'anthropic', model: 'claude-sonnet-4', vendorModel: 'claude-sonnet-4-20250514' },
      { provider: 'gemini', model: 'gemini-2.0-flash', vendorModel: 'gemini-2.0-flash' },
      offline,
    ]);
  });

  it('skips vendors without a key', () => {
    expect(resolveTargets('gpt-4o-mini', catalog, configured('anthropic')).map((t) => t.model)).toEqual(['claude-sonnet-4', 'offline']);
  });

  it('uses the default model when none is given, and only offline when nothing is configured', () => {
    expect(resolveTargets(undefined, catalog, configured('anthropic'))[0].model).toBe(catalog.defaultModel);
    expect(resolveTargets('claude-opus-4', catalog, configured())).toEqual([offline]);
    expect(resolveTargets('offline', catalog, configured('openai'))).toEqual([offline]);
  });

  it('pins an explicit provider/model route, mapping catalog ids to vendor models', () => {
    expect(resolveTargets('anthropic/claude-sonnet-4', catalog, configured('anthropic', 'openai'))).toEqual([
      { provider: 'anthropic', model: 'claude-sonnet-4', vendorModel: 'claude-sonnet-4-20250514' },
      offline,
    ]);
    expect(resolveTargets('openai/gpt-4.1-nano', catalog, configured('openai'))).toEqual([{ provider: 'openai', model: 'gpt-4.1-nano', vendorModel: 'gpt-4.1-nano' }, offline]);
    expect(resolveTargets('groq/llama-3.1-8b', catalog, configured('openai'))).toEqual([offline]);
  });

  it('rejects unknown models and providers', () => {
    expect(() => resolveTargets('gpt-9', catalog, configured('openai'))).toThrow(UnknownModelError);
    expect(() => resolveTargets('acme/model', catalog, configured('openai'))).toThrow(/Unknown provider "acme"/);
  });

  it('uses the operator-configured chains', () => {
    const custom = new ModelCatalog({ pricesReadOn: '', defaultModel: 'a', models: { a: m('openai'), b: m('gemini') }, fallbackChains: { a: ['a', 'b'] }, providerLimits: {} });
    expect(resolveTargets('a', custom, configured('openai', 'gemini')).map((t) => t.provider)).toEqual(['openai', 'gemini', 'offline']);
  });
});

function m(provider: 'openai' | 'gemini') {
  return { provider, vendorModel: `${provider}-model`, contextWindow: 1000, prices: { input: '1', output: '1', cacheRead: '1', cacheWrite: '1' } };
}
