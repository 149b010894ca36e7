import { usageFromAnthropic } from './anthropic/anthropic.provider';
import { usageFromGemini } from './gemini/gemini.provider';
import { usageFromOpenAi } from './openai-compatible/openai-compatible.provider';

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

describe(usageFromAnthropic.name, () => {
  it('keeps fresh input, cache writes and cache reads apart', () => {
    expect(usageFromAnthropic({ input_tokens: 20, output_tokens: 40, cache_creation_input_tokens: 900, cache_read_input_tokens: 0 })).toEqual({ input: 20, output: 40, cacheRead: 0, cacheWrite: 900, reasoning: 0 });
    expect(usageFromAnthropic({ input_tokens: 20, output_tokens: 40, cache_creation_input_tokens: null, cache_read_input_tokens: 900 })).toMatchObject({ cacheRead: 900, cacheWrite: 0 });
  });

  it('takes the output count of the final stream event over the placeholder of message_start', () => {
    expect(usageFromAnthropic({ input_tokens: 10, output_tokens: 1 }, 57).output).toBe(57);
  });
});

describe(usageFromGemini.name, () => {
  it('removes cached tokens from the prompt count and bills thinking tokens as output', () => {
    expect(usageFromGemini({ promptTokenCount: 1200, cachedContentTokenCount: 1000, candidatesTokenCount: 30, thoughtsTokenCount: 60 })).toEqual({
      input: 200,
      output: 90,
      cacheRead: 1000,
      cacheWrite: 0,
      reasoning: 60,
    });
  });

  it('treats omitted counters as zero', () => {
    expect(usageFromGemini({ promptTokenCount: 12, candidatesTokenCount: 3 })).toEqual({ input: 12, output: 3, cacheRead: 0, cacheWrite: 0, reasoning: 0 });
  });
});
