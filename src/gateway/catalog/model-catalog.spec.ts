import { ModelCatalog } from './model-catalog';

const PRICES = { input: '1', output: '2', cacheWrite: '1', cacheRead: '0.1' };
const BEFORE = Date.parse('2026-06-14T23:59:59Z');
const ON_THE_DAY = Date.parse('2026-06-15T00:00:00Z');

type Models = ConstructorParameters<typeof ModelCatalog>[0]['models'];

function catalogOf(models: Models, fallbackChains: Record<string, string[]> = {}) {
  return new ModelCatalog({ pricesReadOn: '2026-12-06', defaultModel: Object.keys(models)[0], models, fallbackChains, providerLimits: {} });
}

const model = (provider: 'anthropic' | 'openai' | 'gemini', extra: Partial<Models[string]> = {}) => ({ provider, vendorModel: `${provider}-v`, contextWindow: 1000, prices: PRICES, ...extra });

describe('ModelCatalog retirements', () => {
  const catalog = catalogOf(
    {
      old: model('anthropic', { retiresOn: '2026-06-15', successor: 'new' }),
      new: model('anthropic'),
      legacy: model('openai', { retiresOn: '2026-06-15' }),
      cheap: model('gemini'),
    },
    { old: ['old', 'legacy', 'cheap'], new: ['new', 'legacy', 'cheap'] },
  );

  it('serves a model itself until its shutdown day, then its successor', () => {
    expect(catalog.servedBy('old', BEFORE)).toBe('old');
    expect(catalog.servedBy('old', ON_THE_DAY)).toBe('new');
    expect(catalog.isRetired('old', BEFORE)).toBe(false);
    expect(catalog.isRetired('old', ON_THE_DAY)).toBe(true);
  });

  it('leaves retired fallbacks without a successor out of chains, and never lists a model twice', () => {
    expect(catalog.chainFor('old', BEFORE)).toEqual(['old', 'legacy', 'cheap']);
    expect(catalog.chainFor('new', ON_THE_DAY)).toEqual(['new', 'cheap']);
    expect(catalog.chainFor('old', ON_THE_DAY)).toEqual(['new', 'cheap']);
    expect(catalog.chainFor('old', BEFORE)).toEqual(['old', 'legacy', 'cheap']);
  });

  it('keeps a requested retired model with no successor: its vendor has the last word', () => {
    expect(catalog.servedBy('legacy', ON_THE_DAY)).toBe('legacy');
    expect(catalog.chainFor('legacy', ON_THE_DAY)).toEqual(['legacy']);
  });

  it('follows successors as far as they go', () => {
    const chained = catalogOf({
      a: model('openai', { retiresOn: '2026-01-01', successor: 'b' }),
      b: model('openai', { retiresOn: '2026-03-01', successor: 'c' }),
      c: model('openai'),
    });
    expect(chained.servedBy('a', Date.parse('2026-02-01'))).toBe('b');
    expect(chained.servedBy('a', Date.parse('2026-03-01'))).toBe('c');
  });

  it('tells the operator what has retired and what retires soon', () => {
    const notes = catalogOf({
      gone: model('anthropic', { retiresOn: '2026-06-15', successor: 'next' }),
      soon: model('openai', { retiresOn: '2026-07-01' }),
      later: model('openai', { retiresOn: '2027-06-01', successor: 'next' }),
      next: model('anthropic'),
    }).retirementNotes(ON_THE_DAY);
    expect(notes).toEqual([
      'gone retired on 2026-06-15: served by next',
      'soon retires on 2026-07-01 (in 16 days): then no successor in the catalog: its requests still go to the vendor, and it is no fallback',
    ]);
  });

  it('refuses a file with bad dates, unknown successors, successors without a date, or a loop, naming each', () => {
    const build = () =>
      catalogOf({
        a: model('openai', { retiresOn: '2026-02-30', successor: 'b' }),
        b: model('openai', { retiresOn: '2026-01-01', successor: 'a' }),
        c: model('openai', { successor: 'b' }),
        d: model('openai', { retiresOn: '2026-01-01', successor: 'nowhere' }),
      });
    expect(build).toThrow(/a: retiresOn "2026-02-30" must be a date as YYYY-MM-DD/);
    expect(build).toThrow(/a: its successors lead back to a/);
    expect(build).toThrow(/c: a successor needs retiresOn/);
    expect(build).toThrow(/d: successor "nowhere" is not a catalog model/);
  });
});

describe('ModelCatalog names', () => {
  it("finds a model by its vendor's own name, leaves a name two entries share unresolved, and lets a catalog id win", () => {
    const catalog = catalogOf({
      sonnet: model('anthropic', { vendorModel: 'claude-sonnet-x-20260101' }),
      'gpt-x': model('openai', { vendorModel: 'gpt-x' }),
      'gpt-x-mini': model('openai', { vendorModel: 'gpt-x' }),
      twin: model('gemini', { vendorModel: 'shared-v' }),
      'twin-fast': model('gemini', { vendorModel: 'shared-v' }),
    });
    expect(catalog.resolve('sonnet')?.id).toBe('sonnet');
    expect(catalog.resolve('claude-sonnet-x-20260101')?.id).toBe('sonnet');
    expect(catalog.resolve('gpt-x')?.id).toBe('gpt-x');
    expect(catalog.resolve('shared-v')).toBeUndefined();
    expect(catalog.resolve('claude-sonnet-x')).toBeUndefined();
    expect(catalog.get('claude-sonnet-x-20260101')).toBeUndefined();
  });

  it('resolves by the reloaded catalog after a reload', () => {
    const catalog = catalogOf({ a: model('openai', { vendorModel: 'a-2026' }) });
    catalog.replaceWith(catalogOf({ b: model('openai', { vendorModel: 'b-2027' }) }));
    expect(catalog.resolve('a-2026')).toBeUndefined();
    expect(catalog.resolve('b-2027')?.id).toBe('b');
  });
});

describe('ModelCatalog prices', () => {
  const tier = (overPromptTokens: number, input = '5') => ({ overPromptTokens, input, output: '10', cacheWrite: '5', cacheRead: '0.5' });

  it('takes long-prompt tiers in ascending order', () => {
    const catalog = catalogOf({ long: model('anthropic', { prices: { ...PRICES, longPrompt: [tier(100_000), tier(200_000, '6')] } }) });
    expect(catalog.get('long')!.prices.longPrompt!.map((t) => t.overPromptTokens)).toEqual([100_000, 200_000]);
  });

  it('refuses a file with a price that is not an exact decimal, or tiers out of order, naming each, when loaded rather than on a request', () => {
    const build = () =>
      catalogOf({
        floaty: model('openai', { prices: { ...PRICES, output: 2.5 as unknown as string } }),
        tooFine: model('openai', { prices: { ...PRICES, cacheRead: '0.0000001' } }),
        missing: model('openai', { prices: { input: '1', output: '2', cacheWrite: '1' } as typeof PRICES }),
        disordered: model('openai', { prices: { ...PRICES, longPrompt: [tier(200_000), tier(100_000)] } }),
        badTier: model('openai', { prices: { ...PRICES, longPrompt: [tier(100_000, 'five')] } }),
      });
    expect(build).toThrow(/floaty: output price 2.5 must be a decimal string with at most 6 decimals/);
    expect(build).toThrow(/tooFine: cacheRead price "0.0000001" must be a decimal string/);
    expect(build).toThrow(/missing: cacheRead price undefined must be a decimal string/);
    expect(build).toThrow(/disordered longPrompt over 100000: overPromptTokens must be a whole number of tokens above the previous tier's \(200000\)/);
    expect(build).toThrow(/badTier longPrompt over 100000: input price "five" must be a decimal string/);
  });
});

describe('the shipped catalog', () => {
  const shipped = ModelCatalog.load();
  const TODAY = Date.parse('2026-12-06T12:00:00Z');

  it('defaults to a model its vendor still serves, and every chain starts with a served model', () => {
    expect(shipped.isRetired(shipped.defaultModel, TODAY)).toBe(false);
    for (const id of Object.keys(shipped.chains)) expect(shipped.isRetired(shipped.chainFor(id, TODAY)[0], TODAY)).toBe(false);
  });

  it('answers for models shut down in 2026 with their successors', () => {
    expect(shipped.servedBy('claude-sonnet-4', TODAY)).toBe('claude-sonnet-5-5');
    expect(shipped.servedBy('claude-haiku-3.5', TODAY)).toBe('claude-haiku-4-5');
    expect(shipped.servedBy('gemini-2.0-flash', TODAY)).toBe('gemini-3.5-flash-lite');
    expect(shipped.servedBy('gpt-4o-mini', TODAY)).toBe('gpt-4o-mini');
    expect(shipped.servedBy('gpt-4o-mini', Date.parse('2027-01-14T00:00:00Z'))).toBe('gpt-6-luna');
  });
});
