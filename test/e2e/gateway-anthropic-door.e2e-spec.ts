import Anthropic from '@anthropic-ai/sdk';
import type { Emulator } from 'test/emulator/emulator';
import { GatewayApp, startEmulatedGateway, stopEmulatedGateway } from './gateway-harness';
import { API_KEY, startTestApp } from './setup';

jest.setTimeout(30_000);

const TOOL: Anthropic.Tool = {
  name: 'consultar_folio',
  description: 'Consulta un folio DTE',
  input_schema: { type: 'object', properties: { folio: { type: 'integer', minimum: 7 }, tipo: { type: 'string', enum: ['33', '61'] } }, required: ['folio', 'tipo'] },
};

describe('Anthropic Messages door with the official @anthropic-ai/sdk client (vendor emulator upstream)', () => {
  let emulator: Emulator;
  let app: GatewayApp;
  let client: Anthropic;

  beforeAll(async () => {
    ({ emulator, app } = await startEmulatedGateway({ chunkDelayMs: 1 }, () => ({ LLM_MAX_RETRIES: '0' })));
    client = new Anthropic({ apiKey: API_KEY, baseURL: app.url, maxRetries: 0 });
  }, 30_000);
  afterAll(() => stopEmulatedGateway(app, emulator), 30_000);
  beforeEach(() => emulator.reset());

  it.each([
    ['an Anthropic target', 'claude-sonnet-4', 'anthropic'],
    ['an Anthropic target named by its dated id', 'claude-haiku-4-5-20251001', 'anthropic'],
    ['an OpenAI target', 'gpt-4o-mini', 'openai'],
  ] as const)('answers a message through %s, authenticated with x-api-key', async (_name, model, vendor) => {
    const message = await client.messages.create({ model, max_tokens: 200, system: 'Eres un contador chileno.', messages: [{ role: 'user', content: 'Explica la guía de despacho electrónica' }] });
    expect(message).toMatchObject({ type: 'message', role: 'assistant', model, stop_reason: 'end_turn' });
    expect(message.content[0]).toMatchObject({ type: 'text', text: expect.stringContaining('Explica la guía de despacho') });
    expect(message.usage.output_tokens).toBeGreaterThan(0);
    expect(emulator.stats().byVendor[vendor].received).toBe(1);
  });

  it.each([
    ['an Anthropic target', 'claude-sonnet-4'],
    ['a Gemini target', 'gemini-2.0-flash'],
  ] as const)('streams a tool call with Anthropic event types through %s, and answers its result', async (_name, model) => {
    const ask: Anthropic.MessageParam = { role: 'user', content: 'Usa la herramienta para el folio 7' };
    const stream = client.messages.stream({ model, max_tokens: 200, tools: [TOOL], tool_choice: { type: 'any' }, messages: [ask] });
    const types: string[] = [];
    stream.on('streamEvent', (event) => types.push(event.type));
    const final = await stream.finalMessage();
    expect(types[0]).toBe('message_start');
    expect(types).toContain('content_block_start');
    expect(types.at(-1)).toBe('message_stop');
    expect(final.stop_reason).toBe('tool_use');
    const call = final.content.find((b): b is Anthropic.ToolUseBlock => b.type === 'tool_use')!;
    expect(call).toMatchObject({ name: 'consultar_folio', input: { tipo: '33', folio: expect.any(Number) } });
    const answer = await client.messages.create({
      model,
      max_tokens: 200,
      tools: [TOOL],
      messages: [ask, { role: 'assistant', content: final.content }, { role: 'user', content: [{ type: 'tool_result', tool_use_id: call.id, content: 'Folio 7 aceptado por el SII' }] }],
    });
    expect(answer.content[0]).toMatchObject({ type: 'text', text: expect.stringContaining('Folio 7 aceptado por el SII') });
  });

  it("lists and retrieves models in Anthropic's shape, paged as the SDK walks them, and the OpenAI shape to others", async () => {
    const listed: Anthropic.ModelInfo[] = [];
    for await (const model of client.models.list({ limit: 4 })) listed.push(model);
    const openAiList = (await fetch(`${app.url}/v1/models`, { headers: { authorization: `Bearer ${API_KEY}` } }).then((r) => r.json())) as { data: { id: string }[] };
    expect(listed.map((m) => m.id)).toEqual(openAiList.data.map((m) => m.id));
    expect(listed.length).toBeGreaterThan(4);
    expect(listed[0]).toEqual({ type: 'model', id: listed[0].id, display_name: listed[0].id, created_at: '1970-01-01T00:00:00Z' });
    const page = await client.models.list({ limit: 2, after_id: listed[1].id });
    expect(page.data.map((m) => m.id)).toEqual([listed[2].id, listed[3].id]);
    expect(await client.models.retrieve('claude-sonnet-5-5')).toMatchObject({ type: 'model', id: 'claude-sonnet-5-5' });
    expect(await client.models.retrieve('claude-haiku-4-5-20251001')).toMatchObject({ type: 'model', id: 'claude-haiku-4-5' });
    const missing = await client.models.retrieve('no-such-model').catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(Anthropic.NotFoundError);
    expect((missing as InstanceType<typeof Anthropic.NotFoundError>).error).toMatchObject({ type: 'error', error: { type: 'not_found_error', message: expect.stringContaining('no-such-model') } });
    await expect(client.models.list({ limit: 0 })).rejects.toBeInstanceOf(Anthropic.BadRequestError);
  });

  it("answers failures in Anthropic's error shape, so the SDK raises its own classes", async () => {
    const wrong = new Anthropic({ apiKey: 'not-a-key-0123456789abcdef', baseURL: app.url, maxRetries: 0 });
    await expect(wrong.messages.create({ model: 'claude-sonnet-4', max_tokens: 10, messages: [{ role: 'user', content: 'x' }] })).rejects.toBeInstanceOf(Anthropic.AuthenticationError);
    const missing = await client.messages
      .create({ model: 'claude-sonnet-4', messages: [{ role: 'user', content: 'x' }] } as unknown as Anthropic.MessageCreateParamsNonStreaming)
      .catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(Anthropic.BadRequestError);
    expect((missing as Error).message).toContain('max_tokens');
  });

  describe('count_tokens', () => {
    const messages: Anthropic.MessageParam[] = [{ role: 'user', content: 'Explica la guía de despacho electrónica' }];

    it("answers with Anthropic's own count for a model Anthropic serves, sent without the fields count_tokens refuses", async () => {
      const counted = await client.messages.countTokens({ model: 'claude-sonnet-5-5', system: 'Eres un contador chileno.', messages, tools: [TOOL] }).withResponse();
      const sent = emulator.lastRequest('anthropic')!;
      expect(sent.path).toBe('/v1/messages/count_tokens');
      expect(Object.keys(sent.body as object).sort()).toEqual(['messages', 'model', 'system', 'tools']);
      expect(counted.response.headers.get('x-gateway-token-count')).toBe('vendor');
      // The same prompt through Messages is billed at the count the vendor gave.
      const message = await client.messages.create({ model: 'claude-sonnet-5-5', max_tokens: 50, system: 'Eres un contador chileno.', messages, tools: [TOOL] });
      expect(counted.data.input_tokens).toBe(message.usage.input_tokens + (message.usage.cache_read_input_tokens ?? 0) + (message.usage.cache_creation_input_tokens ?? 0));
    });

    it("estimates for a model another vendor serves, asking no vendor, and refuses an unknown model in Anthropic's error shape", async () => {
      const estimated = await client.messages.countTokens({ model: 'gpt-6-luna', messages }).withResponse();
      expect(estimated.response.headers.get('x-gateway-token-count')).toBe('estimate');
      expect(estimated.data.input_tokens).toBeGreaterThan(5);
      expect(emulator.stats().requests).toHaveLength(0);
      await expect(client.messages.countTokens({ model: 'no-such-model', messages })).rejects.toBeInstanceOf(Anthropic.BadRequestError);
    });
  });
});

describe('count_tokens while Anthropic cannot be reached', () => {
  it("answers the gateway's estimate, and says so", async () => {
    const app = await startTestApp({ ANTHROPIC_API_KEY: 'sk-ant-test-0123456789', ANTHROPIC_BASE_URL: 'http://127.0.0.1:9' });
    try {
      const res = await app.http
        .post('/v1/messages/count_tokens')
        .set('x-api-key', API_KEY)
        .send({ model: 'claude-sonnet-5-5', messages: [{ role: 'user', content: 'Explica la guía de despacho electrónica' }] });
      expect(res.status).toBe(200);
      expect(res.headers['x-gateway-token-count']).toBe('estimate');
      expect(res.body.input_tokens).toBeGreaterThan(5);
    } finally {
      await app.close();
    }
  });
});
