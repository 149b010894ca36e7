import { costOf, estimatedCost, ratesFor } from './pricing';

const sonnet = { input: '3.00', output: '15.00', cacheWrite: '3.75', cacheRead: '0.30' };

describe('costOf', () => {
  it('prices each token kind at its own rate, exactly', () => {
    expect(costOf({ input: 1200, output: 350, cacheRead: 0, cacheWrite: 0, reasoning: 0 }, sonnet)).toBe('0.008850000000');
    expect(costOf({ input: 100, output: 10, cacheRead: 2000, cacheWrite: 0, reasoning: 0 }, sonnet)).toBe('0.001050000000');
    expect(costOf({ input: 100, output: 10, cacheRead: 0, cacheWrite: 2000, reasoning: 0 }, sonnet)).toBe('0.007950000000');
  });

  it('keeps sub-cent prices exact where floats would drift', () => {
    const mini = { input: '0.15', output: '0.60', cacheWrite: '0.15', cacheRead: '0.075' };
    expect(costOf({ input: 1, output: 0, cacheRead: 3, cacheWrite: 0, reasoning: 0 }, mini)).toBe('0.000000375000');
  });

  it('stays exact past what a double holds (over US$9,007 in one request)', () => {
    const opus = { input: '15.000001', output: '75.00', cacheWrite: '18.75', cacheRead: '1.50' };
    // 600 million output tokens at 75 USD per million are 4.5e16 pico-dollars (past 2^53): a double would lose the last pico-dollar.
    expect(costOf({ input: 1, output: 600_000_000, cacheRead: 0, cacheWrite: 0, reasoning: 0 }, opus)).toBe('45000.000015000001');
    expect(costOf({ input: 3, output: 120_092_400, cacheRead: 0, cacheWrite: 0, reasoning: 0 }, opus)).toBe('9006.930045000003');
  });

  it('does not charge reasoning tokens twice (they are part of output)', () => {
    const withReasoning = costOf({ input: 0, output: 100, cacheRead: 0, cacheWrite: 0, reasoning: 80 }, sonnet);
    expect(withReasoning).toBe(costOf({ input: 0, output: 100, cacheRead: 0, cacheWrite: 0, reasoning: 0 }, sonnet));
  });
});

describe('long-prompt tiers', () => {
  // Claude Haiku 5.5: 5× every rate once the prompt passes 100K tokens (input, cache reads and writes together).
  const haiku55 = {
    input: '0.10',
    output: '0.50',
    cacheWrite: '0.125',
    cacheRead: '0.01',
    longPrompt: [{ overPromptTokens: 100_000, input: '0.50', output: '2.50', cacheWrite: '0.625', cacheRead: '0.05' }],
  };

  it('charges a prompt up to the threshold at the base rates, and every token of a longer one at the tier rates', () => {
    expect(costOf({ input: 100_000, output: 1_000, cacheRead: 0, cacheWrite: 0, reasoning: 0 }, haiku55)).toBe('0.010500000000');
    expect(costOf({ input: 100_001, output: 1_000, cacheRead: 0, cacheWrite: 0, reasoning: 0 }, haiku55)).toBe('0.052500500000');
  });

  it('counts cached prompt tokens toward the threshold', () => {
    // 20K fresh input + 90K cache reads: a 110K prompt, so the cached tokens too are charged at the tier's rate.
    expect(costOf({ input: 20_000, output: 0, cacheRead: 90_000, cacheWrite: 0, reasoning: 0 }, haiku55)).toBe('0.014500000000');
  });

  it('applies the highest tier the prompt passes', () => {
    const twoTiers = { ...haiku55, longPrompt: [...haiku55.longPrompt, { overPromptTokens: 500_000, input: '1.00', output: '5.00', cacheWrite: '1.25', cacheRead: '0.10' }] };
    expect(ratesFor(twoTiers, 50_000).input).toBe('0.10');
    expect(ratesFor(twoTiers, 200_000).input).toBe('0.50');
    expect(ratesFor(twoTiers, 600_000).input).toBe('1.00');
  });

  it('prices the worst-case estimate before sending at the tier its estimated prompt reaches', () => {
    expect(estimatedCost(150_000, 1_000, haiku55)).toBe('0.077500000000');
    expect(estimatedCost(50_000, 1_000, haiku55)).toBe('0.005500000000');
  });
});
