import OpenAI from 'openai';

import { type Emulator, startEmulator } from './emulator';

describe('emulator: OpenAI Chat Completions through the openai SDK', () => {
  let emulator: Emulator;
  let client: OpenAI;

  beforeAll(async () => {
    emulator = await startEmulator();
    client = new OpenAI({ apiKey: 'test-key', baseURL: `${emulator.url}/v1`, maxRetries: 0 });
  });
  afterEach(() => emulator.reset());
  afterAll(() => emulator.close());

  it('answers deterministically with the model name and the first words of the last user message', async () => {
    const content = 'Valida la factura electrónica número 4512 del proveedor Ferretería Sur';
    const result = await client.chat.completions.create({ messages: [{ content, role: 'user' }], model: 'gpt-4o-mini' });

    expect(result.choices[0].message.content).toBe('Respuesta simulada de gpt-4o-mini: Valida la factura electrónica número 4512 del proveedor');
    expect(result.choices[0].finish_reason).toBe('stop');
    expect(result.usage).toMatchObject({
      completion_tokens: Math.ceil(12 * 1.3),
      prompt_tokens: Math.ceil(content.length / 4),
      prompt_tokens_details: { cached_tokens: 0 },
    });
    expect(result.usage?.total_tokens).toBe((result.usage?.prompt_tokens ?? 0) + (result.usage?.completion_tokens ?? 0));
  });

  it('streams several chunks with a gap between them and a final usage chunk when include_usage is set', async () => {
    const stream = await client.chat.completions.create({
      messages: [{ content: 'uno dos tres cuatro cinco seis', role: 'user' }],
      model: 'gpt-4o-mini',
      stream: true,
      stream_options: { include_usage: true },
    });
    const arrivals: number[] = [];
    let text = '';
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta?.content;
      if (delta) {
        text += delta;
        arrivals.push(performance.now());
      }
      if (chunk.usage) usage = chunk.usage;
    }

    expect(text).toBe('Respuesta simulada de gpt-4o-mini: uno dos tres cuatro cinco seis');
    expect(arrivals.length).toBeGreaterThanOrEqual(4);
    // Ten chunks 5 ms apart span ~45 ms; a busy test process reads some of them together, so only one gap is asserted
    // (gapless, they arrive in one read: the next test).
    expect(arrivals[arrivals.length - 1] - arrivals[0]).toBeGreaterThanOrEqual(4);
    expect(usage).toMatchObject({ completion_tokens: Math.ceil(10 * 1.3), prompt_tokens: Math.ceil(30 / 4) });
  });

  it('streams the same answer in one write when the chunk gap is zero', async () => {
    emulator.script({ chunkDelayMs: 0, vendor: 'openai' });
    const stream = await client.chat.completions.create({
      messages: [{ content: 'uno dos tres', role: 'user' }],
      model: 'gpt-4o-mini',
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta?.content ?? '';
      usage ??= chunk.usage;
    }

    expect(text).toBe('Respuesta simulada de gpt-4o-mini: uno dos tres');
    expect(usage?.completion_tokens).toBe(Math.ceil(7 * 1.3));
    expect(emulator.stats()).toMatchObject({ answered: 1, requests: [{ outcome: 'ok', stream: true }] });
  });

  it('sends no usage chunk when include_usage is not requested', async () => {
    const stream = await client.chat.completions.create({ messages: [{ content: 'hola', role: 'user' }], model: 'gpt-4o-mini', stream: true });
    const usages = [];
    for await (const chunk of stream) if (chunk.usage) usages.push(chunk.usage);

    expect(usages).toEqual([]);
  });

  it('reports cached tokens for a repeated long prefix and reasoning tokens for reasoning models', async () => {
    const system = 'Eres un asistente contable chileno. '.repeat(150);
    const ask = (content: string) =>
      client.chat.completions.create({
        messages: [
          { content: system, role: 'system' },
          { content, role: 'user' },
        ],
        model: 'o4-mini',
      });

    const first = await ask('primera pregunta');
    const second = await ask('segunda pregunta');

    expect(first.usage?.prompt_tokens_details?.cached_tokens).toBe(0);
    expect(second.usage?.prompt_tokens_details?.cached_tokens).toBe(Math.ceil(system.length / 4));
    const reasoning = second.usage?.completion_tokens_details?.reasoning_tokens ?? 0;
    expect(reasoning).toBeGreaterThan(0);
    expect(second.usage?.completion_tokens).toBe(Math.ceil(6 * 1.3) + reasoning);
  });

  it('returns valid JSON for response_format json_object', async () => {
    const result = await client.chat.completions.create({
      messages: [{ content: 'Devuelve un JSON con el resumen', role: 'user' }],
      model: 'gpt-4o-mini',
      response_format: { type: 'json_object' },
    });

    expect(JSON.parse(result.choices[0].message.content ?? '')).toEqual({
      modelo: 'gpt-4o-mini',
      respuesta: 'Respuesta simulada de gpt-4o-mini: Devuelve un JSON con el resumen',
    });
  });

  it('truncates at max_tokens with finish_reason length', async () => {
    const result = await client.chat.completions.create({
      max_completion_tokens: 4,
      messages: [{ content: 'una respuesta que no cabe en cuatro tokens', role: 'user' }],
      model: 'gpt-4o-mini',
    });

    expect(result.choices[0].finish_reason).toBe('length');
    expect(result.choices[0].message.content).toBe('Respuesta simulada de');
    expect(result.usage?.completion_tokens).toBe(4);
  });

  it('adds DeepSeek cache hit and miss counters for deepseek models', async () => {
    const deepseek = new OpenAI({ apiKey: 'test-key', baseURL: emulator.url, maxRetries: 0 });
    const result = await deepseek.chat.completions.create({ messages: [{ content: 'hola', role: 'user' }], model: 'deepseek-chat' });

    expect(result.usage).toMatchObject({ prompt_cache_hit_tokens: 0, prompt_cache_miss_tokens: 1, prompt_tokens: 1 });
  });

  it('lists models', async () => {
    const page = await client.models.list();

    expect(page.data.map((model) => model.id)).toContain('gpt-4o-mini');
  });

  it('counts received and answered requests with their usage per model', async () => {
    await client.chat.completions.create({ messages: [{ content: 'hola', role: 'user' }], model: 'gpt-4o-mini' });
    await client.chat.completions.create({ messages: [{ content: 'hola', role: 'user' }], model: 'gpt-4o' });

    const stats = emulator.stats();
    expect(stats).toMatchObject({ answered: 2, byVendor: { openai: { answered: 2, received: 2 } }, received: 2 });
    expect(stats.byModel['openai:gpt-4o']).toMatchObject({ answered: 1, usage: { inputTokens: 1, outputTokens: 7 } });
    expect(stats.usage.outputTokens).toBe(14);
  });
});
