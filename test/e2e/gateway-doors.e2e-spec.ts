import OpenAI from 'openai';
import type { Emulator } from 'test/emulator/emulator';
import { GatewayApp, startEmulatedGateway, stopEmulatedGateway } from './gateway-harness';
import { API_KEY, OTHER_KEY } from './setup';

jest.setTimeout(30_000);

const WEATHER_TOOL: OpenAI.ChatCompletionTool = {
  type: 'function',
  function: {
    name: 'consultar_folio',
    description: 'Consulta un folio DTE',
    parameters: { type: 'object', properties: { folio: { type: 'integer', minimum: 7 }, tipo: { type: 'string', enum: ['33', '61'] } }, required: ['folio', 'tipo'], additionalProperties: false },
  },
};
const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

/** Reads a whole stream: text, tool calls assembled from their argument deltas by index, finish reasons and usage. */
async function readStream(stream: AsyncIterable<OpenAI.ChatCompletionChunk>) {
  let text = '';
  const calls: { id?: string; name?: string; arguments: string }[] = [];
  const finishes: string[] = [];
  let usage: OpenAI.CompletionUsage | null | undefined;
  let chunks = 0;
  for await (const chunk of stream) {
    chunks += 1;
    const choice = chunk.choices[0];
    text += choice?.delta?.content ?? '';
    for (const call of choice?.delta?.tool_calls ?? []) {
      calls[call.index] ??= { arguments: '' };
      if (call.id) calls[call.index].id = call.id;
      if (call.function?.name) calls[call.index].name = call.function.name;
      calls[call.index].arguments += call.function?.arguments ?? '';
    }
    if (choice?.finish_reason) finishes.push(choice.finish_reason);
    if (chunk.usage) usage = chunk.usage;
  }
  return { text, calls, finishes, usage, chunks };
}

describe('OpenAI door with the official openai client (vendor emulator upstream)', () => {
  let emulator: Emulator;
  let app: GatewayApp;
  let client: OpenAI;

  beforeAll(async () => {
    ({ emulator, app } = await startEmulatedGateway({ chunkDelayMs: 1 }, () => ({ RESPONSE_CACHE_TTL_SECONDS: '60', LLM_MAX_RETRIES: '0' })));
    client = new OpenAI({ apiKey: API_KEY, baseURL: `${app.url}/v1`, maxRetries: 0 });
  }, 30_000);
  afterAll(() => stopEmulatedGateway(app, emulator), 30_000);
  beforeEach(() => emulator.reset());

  describe.each([
    ['OpenAI wire (passed through)', 'gpt-4o-mini', 'openai'],
    ['Anthropic (translated)', 'claude-sonnet-4', 'anthropic'],
    ['Gemini (translated)', 'gemini-2.0-flash', 'gemini'],
  ] as const)('a tool call round trip through %s', (_name, model, vendor) => {
    it('non-streaming: the call comes back as tool_calls, and the tool result is answered', async () => {
      const ask: OpenAI.ChatCompletionMessageParam = { role: 'user', content: 'Usa la herramienta para el folio 7' };
      const first = await client.chat.completions.create({ model, messages: [ask], tools: [WEATHER_TOOL], tool_choice: 'required' });
      expect(first.choices[0].finish_reason).toBe('tool_calls');
      const call = first.choices[0].message.tool_calls![0] as OpenAI.ChatCompletionMessageFunctionToolCall;
      expect(call.function.name).toBe('consultar_folio');
      expect(JSON.parse(call.function.arguments)).toMatchObject({ folio: expect.any(Number), tipo: '33' });
      const second = await client.chat.completions.create({
        model,
        tools: [WEATHER_TOOL],
        messages: [ask, first.choices[0].message, { role: 'tool', tool_call_id: call.id, content: 'Folio 7 aceptado por el SII' }],
      });
      expect(second.choices[0].message.content).toContain('Folio 7 aceptado por el SII');
      expect(emulator.stats().byVendor[vendor].received).toBe(2);
    });

    it('streaming: argument deltas assemble into the same call', async () => {
      const stream = await client.chat.completions.create({
        model,
        stream: true,
        messages: [{ role: 'user', content: 'Usa la herramienta para el folio 7' }],
        tools: [WEATHER_TOOL],
        tool_choice: { type: 'function', function: { name: 'consultar_folio' } },
      });
      const read = await readStream(stream);
      expect(read.finishes).toEqual(['tool_calls']);
      expect(read.calls).toHaveLength(1);
      expect(read.calls[0]).toMatchObject({ id: expect.any(String), name: 'consultar_folio' });
      expect(JSON.parse(read.calls[0].arguments)).toMatchObject({ tipo: '33' });
    });
  });

  it('documents the directly served chat routes in Swagger like every other route', async () => {
    const paths = (await app.http.get('/docs-json')).body.paths as Record<string, { post?: { tags?: string[] } }>;
    expect(paths['/v1/chat/completions']?.post?.tags).toEqual(['openai-compatible']);
    expect(paths['/v1/messages']?.post?.tags?.length).toBeGreaterThan(0);
  });

  it('passes an image part to the vendor', async () => {
    const completion = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: '¿Qué documento es?' },
            { type: 'image_url', image_url: { url: PNG } },
          ],
        },
      ],
    });
    expect(completion.choices[0].message.content).toContain('Recibí 1 imagen');
    expect(emulator.lastRequest('openai')!.body).toMatchObject({ messages: [{ content: [{ type: 'text' }, { type: 'image_url', image_url: { url: PNG } }] }] });
  });

  it('answers a strict JSON schema with an object that follows it', async () => {
    const schema = { type: 'object', properties: { tipo_dte: { type: 'integer', minimum: 33 }, glosa: { type: 'string' } }, required: ['tipo_dte', 'glosa'], additionalProperties: false };
    const completion = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Clasifica la factura' }],
      response_format: { type: 'json_schema', json_schema: { name: 'clasificacion', strict: true, schema } },
    });
    expect(JSON.parse(completion.choices[0].message.content!)).toEqual({ tipo_dte: 33, glosa: expect.any(String) });
    expect(emulator.lastRequest('openai')!.body).toMatchObject({ response_format: { type: 'json_schema', json_schema: { name: 'clasificacion', strict: true, schema } } });
  });

  it('returns every choice for n: 2, and honours stop', async () => {
    const two = await client.chat.completions.create({ model: 'gpt-4o-mini', n: 2, messages: [{ role: 'user', content: 'Dos versiones por favor' }] });
    expect(two.choices.map((c) => c.index)).toEqual([0, 1]);
    expect(two.choices[1].message.content).toContain('(opción 2)');
    const stopped = await client.chat.completions.create({ model: 'gpt-4o-mini', stop: ['artículo'], messages: [{ role: 'user', content: 'Resume el artículo 23 de la Ley' }] });
    expect(stopped.choices[0].message.content).not.toContain('artículo');
  });

  it('sends the usage chunk only when include_usage is asked, as OpenAI does', async () => {
    const messages: OpenAI.ChatCompletionMessageParam[] = [{ role: 'user', content: 'Resume el artículo 23' }];
    const without = await readStream(await client.chat.completions.create({ model: 'gpt-4o-mini', stream: true, messages }));
    expect(without.usage).toBeUndefined();
    const withUsage = await readStream(await client.chat.completions.create({ model: 'claude-sonnet-4', stream: true, stream_options: { include_usage: true }, messages }));
    expect(withUsage.usage!.completion_tokens).toBeGreaterThan(0);
  });

  it("opens a stream with the event-stream headers, the caller's request id and the serving target", async () => {
    const { data, response } = await client.chat.completions
      .create({ model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content: 'Hola' }] }, { headers: { 'x-request-id': 'odoo-req-4711' } })
      .withResponse();
    await readStream(data);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('x-accel-buffering')).toBe('no');
    expect(response.headers.get('x-request-id')).toBe('odoo-req-4711');
    expect(response.headers.get('x-gateway-provider')).toBe('openai');
    expect(response.headers.get('x-gateway-model')).toBe('gpt-4o-mini');
    expect(response.headers.get('x-gateway-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("relays an OpenAI-wire vendor's streamed words in any script as the same text the answer has unstreamed", async () => {
    const messages: OpenAI.ChatCompletionMessageParam[] = [{ role: 'user', content: 'Boleta N° 7 — ñandú, 東京, emoji 🧾, comillas "dobles" y \\ barra' }];
    const answered = await client.chat.completions.create({ model: 'gpt-4o-mini', messages });
    const streamed = await readStream(await client.chat.completions.create({ model: 'gpt-4o-mini', stream: true, stream_options: { include_usage: true }, messages }));
    expect(streamed.text).toBe(answered.choices[0].message.content);
    expect(streamed.text).toContain('ñandú, 東京, emoji 🧾');
    expect(streamed.usage!.prompt_tokens).toBe(answered.usage!.prompt_tokens);
  });

  it('shows each error status as the SDK error class with our message', async () => {
    const bad = new OpenAI({ apiKey: 'not-a-key-0123456789abcdef', baseURL: `${app.url}/v1`, maxRetries: 0 });
    await expect(bad.models.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    await expect(client.chat.completions.create({ model: 'gpt-9', messages: [{ role: 'user', content: 'x' }] })).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining('Unknown model "gpt-9"'),
    });
    await expect(client.models.retrieve('no-such-model')).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    emulator.script({ vendor: 'openai', status: 400, errorMessage: 'max_tokens is too large', count: 1 });
    await expect(client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x' }] })).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining('max_tokens is too large'),
    });
    emulator.script({ vendor: 'openai', status: 503, count: 1 });
    emulator.script({ vendor: 'anthropic', status: 503, count: 1 });
    emulator.script({ vendor: 'gemini', status: 503, count: 1 });
    const down = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x' }] }).catch((e: unknown) => e);
    expect(down).toBeInstanceOf(OpenAI.InternalServerError);
    expect((down as InstanceType<typeof OpenAI.APIError>).status).toBe(503);
    expect((down as Error).message).toContain('openai/gpt-4o-mini: server');
    const malformed = await fetch(`${app.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` }, body: '{"model":' });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: unknown }).error).toMatchObject({ type: 'invalid_request_error', message: expect.stringContaining('JSON') });
    const unknown = await fetch(`${app.url}/v1/nothing-here`, { headers: { authorization: `Bearer ${API_KEY}` } });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { type: string } }).error.type).toBe('not_found_error');
  });

  it('skips a fallback target that cannot honour a field instead of serving it wrongly', async () => {
    emulator.script({ vendor: 'openai', status: 503, count: 1 });
    // gpt-4o-mini falls back to claude-haiku-4-5 (no logprobs) and then gemini-3.5-flash-lite (logprobs translated).
    const completion = await client.chat.completions.create({ model: 'gpt-4o-mini', logprobs: true, messages: [{ role: 'user', content: 'hola' }] });
    expect((completion as unknown as { x_gateway: { provider: string } }).x_gateway.provider).toBe('gemini');
    expect(emulator.stats().byVendor.anthropic.received).toBe(0);
  });

  it('refuses a model without a catalog price, so no cost is recorded as zero', async () => {
    await expect(client.chat.completions.create({ model: 'anthropic/claude-3-opus-20240229', messages: [{ role: 'user', content: 'x' }] })).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining('has no price in the catalog'),
    });
  });

  it('never serves one key the cached answer of another, and skips the cache on Cache-Control: no-cache', async () => {
    const other = new OpenAI({ apiKey: OTHER_KEY, baseURL: `${app.url}/v1`, maxRetries: 0 });
    const ask = { model: 'gpt-4o-mini', temperature: 0, messages: [{ role: 'user' as const, content: 'Pregunta determinística compartida' }] };
    const cachedInfo = (c: unknown) => (c as { x_gateway: { cached: boolean } }).x_gateway.cached;
    expect(cachedInfo(await client.chat.completions.create(ask))).toBe(false);
    await new Promise((r) => setTimeout(r, 50));
    expect(cachedInfo(await client.chat.completions.create(ask))).toBe(true);
    expect(cachedInfo(await other.chat.completions.create(ask))).toBe(false);
    expect(cachedInfo(await client.chat.completions.create(ask, { headers: { 'Cache-Control': 'no-cache' } }))).toBe(false);
    expect(emulator.stats().byVendor.openai.received).toBe(3);
  });

  it('forwards fields the gateway does not know as the caller sent them', async () => {
    await client.chat.completions.create({ model: 'gpt-4o-mini', seed: 42, user: 'contador-7', metadata: { origen: 'odoo' }, messages: [{ role: 'user', content: 'hola' }] });
    expect(emulator.lastRequest('openai')!.body).toMatchObject({ model: 'gpt-4o-mini', seed: 42, user: 'contador-7', metadata: { origen: 'odoo' } });
  });

  it('lists only models a configured vendor serves', async () => {
    const models = await client.models.list();
    expect(models.data.map((m) => m.owned_by)).not.toContain('groq');
    expect(models.data.map((m) => m.id)).toContain('gpt-4o-mini');
  });

  it('embeds through OpenAI with usage recorded', async () => {
    const embedding = await client.embeddings.create({ model: 'text-embedding-3-small', input: ['Factura electrónica', 'Nota de crédito'] });
    expect(embedding.data).toHaveLength(2);
    expect(embedding.data[0].embedding.length).toBeGreaterThan(10);
    expect(embedding.usage.prompt_tokens).toBeGreaterThan(0);
  });
});
