import OpenAI, { APIError } from 'openai';

import { type Emulator, type EmulatorStats, type RecordedRequest, startEmulator } from './emulator';

describe('emulator: HTTP control endpoints', () => {
  let emulator: Emulator;
  let openai: OpenAI;
  const control = (path: string, body?: unknown) => fetch(`${emulator.url}/_emulator/${path}`, body === undefined ? {} : { body: JSON.stringify(body), method: 'POST' });

  beforeAll(async () => {
    emulator = await startEmulator({ seed: 42 });
    openai = new OpenAI({ apiKey: 'test-key', baseURL: `${emulator.url}/v1`, maxRetries: 0 });
  });
  afterEach(() => emulator.reset());
  afterAll(() => emulator.close());

  const ask = () =>
    openai.chat.completions.create({ messages: [{ content: 'hola', role: 'user' }], model: 'gpt-4o-mini' }).then(
      () => 200,
      (e: APIError) => e.status,
    );

  it('applies rules scripted over HTTP, including a list of rules', async () => {
    const response = await control('script', [
      { count: 1, retryAfter: 3, status: 429, vendor: 'openai' },
      { count: 1, status: 500, vendor: 'openai' },
    ]);

    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      rules: [
        { id: 1, remaining: 1 },
        { id: 2, remaining: 1 },
      ],
    });
    expect([await ask(), await ask(), await ask()]).toEqual([429, 500, 200]);
  });

  it('reports stats over HTTP and clears them on reset', async () => {
    await ask();
    const stats = (await (await control('stats')).json()) as EmulatorStats;
    const reset = await control('reset', {});
    const after = (await (await control('stats')).json()) as EmulatorStats;

    expect(stats).toMatchObject({ answered: 1, byModel: { 'openai:gpt-4o-mini': { answered: 1 } }, received: 1 });
    expect(reset.status).toBe(200);
    expect(after).toMatchObject({ answered: 0, received: 0, requests: [], rules: [] });
  });

  it('rejects an invalid rule without adding any of the batch', async () => {
    const response = await control('script', [{ count: 1, status: 500 }, { probability: 2 }]);

    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'probability must be within 0..1' });
    expect(emulator.stats().rules).toEqual([]);
  });

  it('fails a seeded share of requests for a chaos rule, and stats count only the answered ones', async () => {
    await control('script', { probability: 0.3, status: 503, vendor: 'any' });

    const statuses = [];
    for (let i = 0; i < 60; i++) statuses.push(await ask());

    const failed = statuses.filter((s) => s === 503).length;
    expect(failed).toBeGreaterThan(6);
    expect(failed).toBeLessThan(30);
    expect(emulator.stats()).toMatchObject({ answered: 60 - failed, received: 60, usage: { outputTokens: (60 - failed) * 7 } });
  });

  it('records the bodies it received per vendor, with credentials cut to their last characters', async () => {
    await openai.chat.completions.create({ messages: [{ content: 'primera', role: 'user' }], model: 'gpt-4o-mini', temperature: 0.2 });
    await openai.chat.completions.create({ messages: [{ content: 'segunda', role: 'user' }], model: 'gpt-4o', stream: true }).then(async (stream) => {
      for await (const _chunk of stream);
    });

    const last = emulator.lastRequest('openai');
    const overHttp = (await (await fetch(`${emulator.url}/_emulator/requests?vendor=openai`)).json()) as { requests: RecordedRequest[] };
    const anthropicOnly = (await (await fetch(`${emulator.url}/_emulator/requests?vendor=anthropic`)).json()) as { requests: RecordedRequest[] };

    expect(last).toMatchObject({ body: { messages: [{ content: 'segunda', role: 'user' }], model: 'gpt-4o', stream: true }, method: 'POST', path: '/v1/chat/completions' });
    expect(last?.headers.authorization).toBe('…-key');
    expect(JSON.stringify(emulator.requests())).not.toContain('test-key');
    expect(overHttp.requests.map((r) => r.body)).toEqual([
      { messages: [{ content: 'primera', role: 'user' }], model: 'gpt-4o-mini', temperature: 0.2 },
      { messages: [{ content: 'segunda', role: 'user' }], model: 'gpt-4o', stream: true },
    ]);
    expect(anthropicOnly.requests).toEqual([]);
    emulator.reset();
    expect(emulator.lastRequest()).toBeUndefined();
  });

  it('answers 404 for an unknown path', async () => {
    const response = await fetch(`${emulator.url}/v1/unknown-endpoint`, { body: '{}', method: 'POST' });

    expect(response.status).toBe(404);
  });
});
