import { usageFromOpenAi } from './openai-compatible.provider';

describe(usageFromOpenAi.name, () => {
  it('splits cached prompt tokens from fresh input and keeps reasoning inside output', () => {
    expect(usageFromOpenAi({ prompt_tokens: 1500, completion_tokens: 300, prompt_tokens_details: { cached_tokens: 1024 }, completion_tokens_details: { reasoning_tokens: 200 } })).toEqual({
      input: 476,
      output: 300,
      cacheRead: 1024,
      cacheWrite: 0,
      reasoning: 200,
    });
  });

  it("reads DeepSeek's cache-hit field", () => {
    expect(usageFromOpenAi({ prompt_tokens: 100, completion_tokens: 5, prompt_cache_hit_tokens: 64, prompt_cache_miss_tokens: 36 })).toMatchObject({ input: 36, cacheRead: 64 });
  });

  it('gives zeros without usage (a stream without include_usage)', () => {
    expect(usageFromOpenAi(undefined)).toEqual({ input: 0, output: 0, cacheRead: 0, cacheWrite: 0, reasoning: 0 });
  });
});
