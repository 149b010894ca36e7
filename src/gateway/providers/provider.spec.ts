import { exceedsContextWindow, ProviderError } from './provider';

const refusal = (vendorMessage: string, status = 400) => new ProviderError(status === 429 ? 'rate_limit' : 'bad_request', `HTTP ${status}`, 'openai', status, undefined, vendorMessage);

describe(exceedsContextWindow.name, () => {
  it("recognises each vendor's refusal of a prompt longer than the model's context window", () => {
    for (const message of [
      "This model's maximum context length is 128000 tokens. However, your messages resulted in 130512 tokens. Please reduce the length of the messages.",
      'prompt is too long: 208573 tokens > 200000 maximum',
      'input length and `max_tokens` exceed context limit: 199000 + 21333 > 200000, decrease input length or `max_tokens` and try again',
      'The input token count (1205010) exceeds the maximum number of tokens allowed (1048576).',
      'Your input exceeds the context window of this model. Please adjust your input and try again.',
    ]) {
      expect([message, exceedsContextWindow(refusal(message))]).toEqual([message, true]);
    }
  });

  it('leaves other refusals alone, and a rate limit that speaks of tokens', () => {
    for (const message of [
      "Invalid value for 'temperature': must be at most 2.",
      'max_tokens: 100000 > 64000, which is the maximum allowed number of output tokens for claude-haiku-4-5',
      'HTTP 400',
    ]) {
      expect([message, exceedsContextWindow(refusal(message))]).toEqual([message, false]);
    }
    expect(exceedsContextWindow(refusal('Request too large for gpt-4o-mini: Limit 200000, Requested 250000. The input or output tokens must be reduced', 429))).toBe(false);
  });
});
