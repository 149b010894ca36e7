import { usageFromOpenAi } from './openai-wire-usage';

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

describe('OpenAI-wire payloads', () => {
  it('sends DeepSeek max_completion_tokens under the only name it knows, max_tokens', async () => {
    const { createServer } = await import('node:http');
    const { createDeepSeekProvider } = await import('../deepseek/deepseek.provider');
    let received: Record<string, unknown> = {};
    const server = createServer((req, res) => {
      let text = '';
      req.on('data', (c) => (text += c));
      req.on('end', () => {
        received = JSON.parse(text);
        res.setHeader('content-type', 'application/json');
        res.end(
          JSON.stringify({
            id: 'x',
            object: 'chat.completion',
            created: 0,
            model: 'deepseek-chat',
            choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }],
            usage: { prompt_tokens: 1, completion_tokens: 1 },
          }),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as { port: number }).port;
      const provider = createDeepSeekProvider('k', `http://127.0.0.1:${port}/v1`);
      const call = { vendorModel: 'deepseek-chat', signal: new AbortController().signal, timeoutMs: 5000, promptCaching: false, dropUnsupported: false };
      await provider.complete({ model: 'deepseek-chat', max_completion_tokens: 50, messages: [{ role: 'user', content: 'hola' }] } as never, call);
      expect(received).toMatchObject({ model: 'deepseek-chat', max_tokens: 50 });
      expect(received).not.toHaveProperty('max_completion_tokens');
    } finally {
      server.close();
    }
  });
});
