import { modelAllowed, modelPatternProblems } from './model-patterns';

describe('modelAllowed', () => {
  it('lets every model through an empty list', () => {
    expect(modelAllowed([], ['gpt-4o'])).toBe(true);
  });

  it('matches exact names, ignoring case', () => {
    expect(modelAllowed(['gpt-4o-mini'], ['GPT-4o-mini'])).toBe(true);
    expect(modelAllowed(['gpt-4o-mini'], ['gpt-4o'])).toBe(false);
  });

  it('matches an alias: any of the names the gateway knows the model by', () => {
    expect(modelAllowed(['openai/gpt-4o'], ['gpt-4o', 'openai/gpt-4o'])).toBe(true);
    expect(modelAllowed(['claude-sonnet-4-20250514'], ['claude-sonnet-4', 'claude-sonnet-4-20250514'])).toBe(true);
  });

  it('matches globs with * and ?, anchored at both ends', () => {
    expect(modelAllowed(['claude-*'], ['claude-haiku-3.5'])).toBe(true);
    expect(modelAllowed(['claude-*'], ['gpt-4o'])).toBe(false);
    expect(modelAllowed(['gpt-4?'], ['gpt-4o'])).toBe(true);
    expect(modelAllowed(['gpt-4?'], ['gpt-4o-mini'])).toBe(false);
    expect(modelAllowed(['anthropic/*'], ['claude-opus-4', 'anthropic/claude-opus-4'])).toBe(true);
  });

  it('treats regular-expression characters in a name literally', () => {
    expect(modelAllowed(['gemini-2.0-flash'], ['gemini-2x0-flash'])).toBe(false);
  });
});

describe('modelPatternProblems', () => {
  it('accepts names, aliases and globs', () => {
    for (const entry of ['gpt-4o', 'openai/gpt-4o', 'claude-*', 'llama3.1:8b']) expect(modelPatternProblems(entry)).toEqual([]);
  });

  it('names what is wrong with an entry', () => {
    expect(modelPatternProblems('')).toEqual(['an allowed model must not be empty']);
    expect(modelPatternProblems('gpt 4o')).toEqual(['"gpt 4o" may hold only letters, digits, . _ : / @ - and the wildcards * ?']);
  });
});
