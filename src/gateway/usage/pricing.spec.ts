import { costOf } from './pricing';

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

  it('does not charge reasoning tokens twice (they are part of output)', () => {
    const withReasoning = costOf({ input: 0, output: 100, cacheRead: 0, cacheWrite: 0, reasoning: 80 }, sonnet);
    expect(withReasoning).toBe(costOf({ input: 0, output: 100, cacheRead: 0, cacheWrite: 0, reasoning: 0 }, sonnet));
  });
});
