import Anthropic, { APIError as AnthropicApiError } from '@anthropic-ai/sdk';
import { ApiError, GoogleGenAI } from '@google/genai';
import OpenAI, { APIError } from 'openai';

import { type Emulator, startEmulator } from './emulator';

const ask = { messages: [{ content: 'hola', role: 'user' as const }], model: 'gpt-4o-mini' };

describe('emulator: scripted faults seen by the real SDKs', () => {
  let emulator: Emulator;
  let openai: OpenAI;

  beforeAll(async () => {
    emulator = await startEmulator();
    openai = new OpenAI({ apiKey: 'test-key', baseURL: `${emulator.url}/v1`, maxRetries: 0 });
  });
  afterEach(() => emulator.reset());
  afterAll(() => emulator.close());

  it('answers 429 with Retry-After for the next scripted request only', async () => {
    emulator.script({ count: 1, retryAfter: 7, status: 429, vendor: 'openai' });

    const error = await openai.chat.completions.create(ask).catch((e: unknown) => e);
    const next = await openai.chat.completions.create(ask);

    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect((error as APIError).status).toBe(429);
    expect((error as APIError).headers?.get('retry-after')).toBe('7');
    expect((error as APIError).error).toMatchObject({ code: 'rate_limit_exceeded', type: 'requests' });
    expect(next.choices[0].message.content).toContain('Respuesta simulada');
    const stats = emulator.stats();
    expect(stats.requests.map((r) => [r.status, r.outcome])).toEqual([
      [429, 'error'],
      [200, 'ok'],
    ]);
    expect(stats).toMatchObject({ answered: 1, received: 2 });
    expect(stats.rules[0]).toMatchObject({ hits: 1, remaining: 0 });
  });

  it('shapes errors the way each vendor does', async () => {
    emulator.script({ count: 1, status: 529, vendor: 'anthropic' });
    emulator.script({ count: 1, status: 503, vendor: 'gemini' });
    const anthropic = new Anthropic({ apiKey: 'test-key', baseURL: emulator.url, maxRetries: 0 });
    const gemini = new GoogleGenAI({ apiKey: 'test-key', httpOptions: { baseUrl: emulator.url, fetch: globalThis.fetch } });

    const anthropicError = await anthropic.messages.create({ max_tokens: 10, messages: [{ content: 'hola', role: 'user' }], model: 'claude-haiku-4-5' }).catch((e: unknown) => e);
    const geminiError = await gemini.models.generateContent({ contents: 'hola', model: 'gemini-2.5-flash' }).catch((e: unknown) => e);

    expect(anthropicError).toBeInstanceOf(Anthropic.APIError);
    expect((anthropicError as AnthropicApiError).status).toBe(529);
    expect((anthropicError as AnthropicApiError).error).toMatchObject({ error: { type: 'overloaded_error' }, type: 'error' });
    expect(geminiError).toBeInstanceOf(ApiError);
    expect((geminiError as ApiError).status).toBe(503);
    expect(JSON.parse((geminiError as ApiError).message)).toMatchObject({ error: { code: 503, status: 'UNAVAILABLE' } });
  });

  it("refuses a prompt longer than a scripted context window with each vendor's own 400, and answers a short one", async () => {
    for (const vendor of ['openai', 'anthropic', 'gemini'] as const) emulator.script({ contextWindow: 50, vendor });
    const long = 'palabra '.repeat(200);
    const anthropic = new Anthropic({ apiKey: 'test-key', baseURL: emulator.url, maxRetries: 0 });
    const gemini = new GoogleGenAI({ apiKey: 'test-key', httpOptions: { baseUrl: emulator.url, fetch: globalThis.fetch } });

    const openaiError = (await openai.chat.completions.create({ ...ask, messages: [{ content: long, role: 'user' }] }).catch((e: unknown) => e)) as APIError;
    const anthropicError = (await anthropic.messages.create({ max_tokens: 10, messages: [{ content: long, role: 'user' }], model: 'claude-haiku-4-5' }).catch((e: unknown) => e)) as AnthropicApiError;
    const geminiError = (await gemini.models.generateContent({ contents: long, model: 'gemini-2.5-flash' }).catch((e: unknown) => e)) as ApiError;

    expect([openaiError.status, openaiError.code, openaiError.param]).toEqual([400, 'context_length_exceeded', 'messages']);
    expect(openaiError.message).toMatch(/maximum context length is 50 tokens\. However, your messages resulted in \d+ tokens/);
    expect(anthropicError.status).toBe(400);
    expect(anthropicError.error).toMatchObject({ error: { type: 'invalid_request_error', message: expect.stringMatching(/^prompt is too long: \d+ tokens > 50 maximum$/) } });
    expect(geminiError.status).toBe(400);
    expect(JSON.parse(geminiError.message)).toMatchObject({
      error: { status: 'INVALID_ARGUMENT', message: expect.stringMatching(/^The input token count \(\d+\) exceeds the maximum number of tokens allowed \(50\)\.$/) },
    });
    expect((await openai.chat.completions.create(ask)).choices[0].message.content).toContain('Respuesta simulada');
  });

  it('matches rules by vendor and model, trying them in the order they were added', async () => {
    emulator.script({ count: 1, model: 'gpt-4o*', status: 500, vendor: 'openai' });
    emulator.script({ count: 1, model: 'gpt-4o-mini', status: 401, vendor: 'openai' });
    emulator.script({ status: 400, vendor: 'anthropic' });

    const statuses = [];
    for (let i = 0; i < 3; i++) {
      statuses.push(
        await openai.chat.completions.create(ask).then(
          () => 200,
          (e: APIError) => e.status,
        ),
      );
    }

    expect(statuses).toEqual([500, 401, 200]);
  });

  it('replaces the answer text with a scripted reply', async () => {
    emulator.script({ count: 1, reply: 'Factura aprobada sin observaciones.', vendor: 'any' });

    const result = await openai.chat.completions.create(ask);

    expect(result.choices[0].message.content).toBe('Factura aprobada sin observaciones.');
    expect(result.usage?.completion_tokens).toBe(Math.ceil(4 * 1.3));
  });

  it('answers 200 with a broken JSON body and does not count it as answered', async () => {
    emulator.script({ count: 1, malformedJson: true, vendor: 'openai' });

    await expect(openai.chat.completions.create(ask)).rejects.toMatchObject({ message: expect.stringContaining('JSON'), name: 'SyntaxError' });
    expect(emulator.stats()).toMatchObject({ answered: 0, received: 1, requests: [{ outcome: 'malformed', status: 200 }] });
  });

  it('delays the answer by the scripted latency', async () => {
    emulator.script({ count: 1, latencyMs: 120, vendor: 'openai' });

    const started = performance.now();
    await openai.chat.completions.create(ask);

    expect(performance.now() - started).toBeGreaterThanOrEqual(115);
  });

  it('hangs until the client aborts, and records the abort', async () => {
    emulator.script({ hang: true, vendor: 'openai' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);

    await expect(openai.chat.completions.create(ask, { signal: controller.signal })).rejects.toBeInstanceOf(OpenAI.APIUserAbortError);
    await waitFor(() => emulator.stats().requests[0]?.outcome === 'aborted');
    expect(emulator.stats()).toMatchObject({ answered: 0, received: 1 });
  });

  it("stops a scripted content-filtered answer halfway with each vendor's reason, streamed too", async () => {
    emulator.script({ contentFilter: true, count: 4, vendor: 'any' });
    const anthropic = new Anthropic({ apiKey: 'test-key', baseURL: emulator.url, maxRetries: 0 });
    const gemini = new GoogleGenAI({ apiKey: 'test-key', httpOptions: { baseUrl: emulator.url, fetch: globalThis.fetch } });
    const words = 'uno dos tres cuatro cinco seis';

    const openaiResult = await openai.chat.completions.create({ ...ask, messages: [{ content: words, role: 'user' }] });
    const stream = await openai.chat.completions.create({ ...ask, messages: [{ content: words, role: 'user' }], stream: true });
    let streamedFinish;
    for await (const chunk of stream) streamedFinish = chunk.choices[0]?.finish_reason ?? streamedFinish;
    const anthropicResult = await anthropic.messages.create({ max_tokens: 50, messages: [{ content: words, role: 'user' }], model: 'claude-haiku-4-5' });
    const geminiResult = await gemini.models.generateContent({ contents: words, model: 'gemini-2.5-flash' });

    expect(openaiResult.choices[0]).toMatchObject({ finish_reason: 'content_filter', message: { content: 'Respuesta simulada de gpt-4o-mini: uno' } });
    expect(streamedFinish).toBe('content_filter');
    expect(anthropicResult.stop_reason).toBe('refusal');
    expect(geminiResult.candidates?.[0].finishReason).toBe('SAFETY');
  });

  it('records arrival times so growing retry delays are visible', async () => {
    const retrying = new OpenAI({ apiKey: 'test-key', baseURL: `${emulator.url}/v1`, maxRetries: 2 });
    emulator.script({ count: 1, retryAfterMs: 30, status: 503, vendor: 'openai' });
    emulator.script({ count: 1, retryAfterMs: 150, status: 503, vendor: 'openai' });

    await retrying.chat.completions.create(ask);

    const times = emulator.stats().requests.map((r) => r.at);
    expect(times).toHaveLength(3);
    const [first, second] = [times[1] - times[0], times[2] - times[1]];
    expect(first).toBeGreaterThanOrEqual(25);
    expect(second).toBeGreaterThanOrEqual(145);
    expect(second).toBeGreaterThan(first);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 1000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
