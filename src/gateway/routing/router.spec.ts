import { ModelCatalog } from '../catalog/model-catalog';
import type { ProviderId } from '../llm.types';
import { resolveTargets, UnknownModelError } from './router';

const catalog = ModelCatalog.load();
const offline = { provider: 'offline', model: 'offline', vendorModel: 'offline' };
const configured = (...ids: ProviderId[]) => new Set<ProviderId>(ids);
/** Pinned, so that no test changes meaning on a model's shutdown day. */
const now = Date.parse('2026-12-06T12:00:00Z');
const withOffline = { offline: true, now };

describe(resolveTargets.name, () => {
  it('follows the fallback chain through configured vendors and ends with offline', () => {
    expect(resolveTargets('gpt-4o-mini', catalog, configured('openai', 'anthropic', 'gemini'), withOffline)).toEqual([
      { provider: 'openai', model: 'gpt-4o-mini', vendorModel: 'gpt-4o-mini' },
      { provider: 'anthropic', model: 'claude-haiku-4-5', vendorModel: 'claude-haiku-4-5-20251001' },
      { provider: 'gemini', model: 'gemini-3.5-flash-lite', vendorModel: 'gemini-3.5-flash-lite' },
      offline,
    ]);
  });

  it('skips vendors without a key', () => {
    expect(resolveTargets('gpt-4o-mini', catalog, configured('anthropic'), withOffline).map((t) => t.model)).toEqual(['claude-haiku-4-5', 'offline']);
  });

  it('uses the default model when none is given, and only offline when nothing is configured', () => {
    expect(resolveTargets(undefined, catalog, configured('anthropic'), withOffline)[0].model).toBe('claude-sonnet-5-5');
    expect(resolveTargets('claude-opus-5-5', catalog, configured(), withOffline)).toEqual([offline]);
    expect(resolveTargets('offline', catalog, configured('openai'), withOffline)).toEqual([offline]);
  });

  it('pins an explicit provider/model route, mapping catalog ids to vendor models', () => {
    expect(resolveTargets('anthropic/claude-sonnet-4', catalog, configured('anthropic', 'openai'), withOffline)).toEqual([
      { provider: 'anthropic', model: 'claude-sonnet-4', vendorModel: 'claude-sonnet-4-20250514' },
      offline,
    ]);
    expect(resolveTargets('openai/gpt-4.1-nano', catalog, configured('openai'), withOffline)).toEqual([{ provider: 'openai', model: 'gpt-4.1-nano', vendorModel: 'gpt-4.1-nano' }, offline]);
    expect(resolveTargets('groq/llama-3.1-8b', catalog, configured('openai'), withOffline)).toEqual([offline]);
  });

  it("routes a vendor's own name for a catalog model as that model: its chain, its price, and its successor once retired", () => {
    expect(resolveTargets('claude-haiku-4-5-20251001', catalog, configured('anthropic', 'openai'), withOffline)).toEqual(
      resolveTargets('claude-haiku-4-5', catalog, configured('anthropic', 'openai'), withOffline),
    );
    expect(resolveTargets('llama-3.3-70b-versatile', catalog, configured('groq'), { offline: false, now })[0]).toEqual({
      provider: 'groq',
      model: 'llama-3.3-70b',
      vendorModel: 'llama-3.3-70b-versatile',
    });
    expect(resolveTargets('claude-sonnet-4-20250514', catalog, configured('anthropic'), { offline: false, now })[0]).toEqual({
      provider: 'anthropic',
      model: 'claude-sonnet-5-5',
      vendorModel: 'claude-sonnet-5-5',
      standsFor: 'claude-sonnet-4',
    });
    expect(resolveTargets('anthropic/claude-3-5-haiku-20241022', catalog, configured('anthropic'), { offline: false, now })).toEqual([
      { provider: 'anthropic', model: 'claude-haiku-3.5', vendorModel: 'claude-3-5-haiku-20241022' },
    ]);
  });

  it('rejects unknown models and providers', () => {
    expect(() => resolveTargets('gpt-9', catalog, configured('openai'), withOffline)).toThrow(UnknownModelError);
    expect(() => resolveTargets('acme/model', catalog, configured('openai'), withOffline)).toThrow(/Unknown provider "acme"/);
  });

  it('refuses an explicit vendor model with control characters, spaces or non-ASCII, which would reach headers and labels', () => {
    for (const model of ['openai/a\r\nb', 'openai/gpt 4', 'openai/modèle', 'openai/\u0000', `openai/${'m'.repeat(201)}`]) {
      expect(() => resolveTargets(model, catalog, configured('openai'), withOffline)).toThrow(/may only hold visible ASCII/);
    }
    expect(resolveTargets('openai-compatible/Qwen/Qwen2.5-7B:q4', catalog, configured('openai-compatible'), withOffline)[0].vendorModel).toBe('Qwen/Qwen2.5-7B:q4');
  });

  it('ends proxy chains without the offline provider, so no vendor means no targets', () => {
    expect(resolveTargets('gpt-4o-mini', catalog, configured('anthropic'), { offline: false, now }).map((t) => t.model)).toEqual(['claude-haiku-4-5']);
    expect(resolveTargets('claude-opus-5-5', catalog, configured(), { offline: false, now })).toEqual([]);
  });

  it("tries the caller's own fallbacks instead of the catalog chain, each target once", () => {
    const targets = resolveTargets('gpt-4o-mini', catalog, configured('openai', 'anthropic', 'gemini'), {
      offline: false,
      now,
      fallbacks: ['gemini-3.5-flash', 'gpt-4o-mini', 'anthropic/claude-opus-5-5'],
    });
    expect(targets.map((t) => `${t.provider}:${t.model}`)).toEqual(['openai:gpt-4o-mini', 'gemini:gemini-3.5-flash', 'anthropic:claude-opus-5-5']);
  });

  it('answers a retired model with its successor and its chain, marking what it stands for', () => {
    const targets = resolveTargets('claude-sonnet-4', catalog, configured('anthropic', 'openai', 'gemini'), withOffline);
    expect(targets[0]).toEqual({ provider: 'anthropic', model: 'claude-sonnet-5-5', vendorModel: 'claude-sonnet-5-5', standsFor: 'claude-sonnet-4' });
    expect(targets.map((t) => t.model)).toEqual(['claude-sonnet-5-5', 'gpt-6-luna', 'gemini-3.5-flash', 'offline']);
    expect(resolveTargets('gpt-4o', catalog, configured('openai'), { offline: false, now: Date.parse('2027-01-14T00:00:00Z') })[0].model).toBe('gpt-6-luna');
  });

  it('sends a retired model without a successor when the caller names it, as the model or a fallback', () => {
    const asked = resolveTargets('gpt-4o', catalog, configured('openai', 'anthropic', 'gemini', 'groq'), { offline: false, now, fallbacks: ['llama-3.3-70b'] });
    expect(asked.map((t) => t.model)).toEqual(['gpt-4o', 'llama-3.3-70b']);
    expect(resolveTargets('deepseek-chat', catalog, configured('deepseek'), { offline: false, now }).map((t) => t.vendorModel)).toEqual(['deepseek-chat']);
  });

  it('keeps an explicit provider/model route as written, even for a retired catalog model', () => {
    expect(resolveTargets('anthropic/claude-sonnet-4', catalog, configured('anthropic'), { offline: false, now })).toEqual([
      { provider: 'anthropic', model: 'claude-sonnet-4', vendorModel: 'claude-sonnet-4-20250514' },
    ]);
  });

  it('uses the operator-configured chains', () => {
    const custom = new ModelCatalog({ pricesReadOn: '', defaultModel: 'a', models: { a: m('openai'), b: m('gemini') }, fallbackChains: { a: ['a', 'b'] }, providerLimits: {} });
    expect(resolveTargets('a', custom, configured('openai', 'gemini'), withOffline).map((t) => t.provider)).toEqual(['openai', 'gemini', 'offline']);
  });
});

function m(provider: 'openai' | 'gemini') {
  return { provider, vendorModel: `${provider}-model`, contextWindow: 1000, prices: { input: '1', output: '1', cacheRead: '1', cacheWrite: '1' } };
}
