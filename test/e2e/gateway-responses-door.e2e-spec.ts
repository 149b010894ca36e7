import OpenAI from 'openai';
import type { Client } from 'pg';
import type { Emulator } from 'test/emulator/emulator';
import { database, eventually, GatewayApp, startEmulatedGateway, stopEmulatedGateway } from './gateway-harness';
import { API_KEY } from './setup';

jest.setTimeout(30_000);

const FOLIO_TOOL: OpenAI.Responses.FunctionTool = {
  type: 'function',
  name: 'consultar_folio',
  description: 'Consulta un folio DTE',
  parameters: { type: 'object', properties: { folio: { type: 'integer', minimum: 7 }, tipo: { type: 'string', enum: ['33', '61'] } }, required: ['folio', 'tipo'], additionalProperties: false },
  strict: true,
};
const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

/** The OpenAI Responses API (`client.responses`) through the gateway, with the official openai client, to any vendor. */
describe('Responses door with the official openai client (vendor emulator upstream)', () => {
  let emulator: Emulator;
  let app: GatewayApp;
  let client: OpenAI;
  let db: Client;

  beforeAll(async () => {
    ({ emulator, app } = await startEmulatedGateway({ chunkDelayMs: 1 }, () => ({ LLM_MAX_RETRIES: '0', COST_FLUSH_INTERVAL_MS: '50' })));
    client = new OpenAI({ apiKey: API_KEY, baseURL: `${app.url}/v1`, maxRetries: 0 });
    db = await database();
  }, 30_000);
  afterAll(async () => {
    await db?.end();
    await stopEmulatedGateway(app, emulator);
  }, 30_000);
  beforeEach(() => emulator.reset());

  describe.each([
    ['OpenAI', 'gpt-6-luna', 'openai', 'gpt-6-luna'],
    ['Anthropic', 'claude-sonnet-5-5', 'anthropic', 'claude-sonnet-5-5'],
    ['Gemini', 'gemini-3.5-flash', 'gemini', 'gemini-3.5-flash'],
  ] as const)('to %s', (_name, model, vendor, vendorModel) => {
    it('answers instructions and input as a Response, with usage, and records its cost', async () => {
      const response = await client.responses.create({ model, instructions: 'Eres un asistente contable chileno.', input: '¿Qué es una factura exenta?', max_output_tokens: 200 });
      expect(response.object).toBe('response');
      expect(response.status).toBe('completed');
      expect(response.id).toMatch(/^resp_[0-9a-f]{32}$/);
      expect(response.model).toBe(model);
      expect(response.output_text).toContain('¿Qué es una factura exenta?');
      expect(response.usage).toMatchObject({ input_tokens: expect.any(Number), output_tokens: expect.any(Number) });
      expect(response.usage!.total_tokens).toBe(response.usage!.input_tokens + response.usage!.output_tokens);
      const sent = emulator.lastRequest(vendor)!.body as Record<string, unknown>;
      expect(JSON.stringify(sent)).toContain('Eres un asistente contable chileno.');
      expect(emulator.stats().byModel[`${vendor}:${vendorModel}`].received).toBe(1);

      const requestId = (response as unknown as { x_gateway: { request_id: string } }).x_gateway.request_id;
      const row = await eventually(async () => (await db.query('SELECT operation, model, output_tokens FROM usage_records WHERE request_id = $1', [requestId])).rows[0], 5000);
      expect(row).toEqual({ operation: 'proxy.responses', model, output_tokens: response.usage!.output_tokens });
    });

    it('streams Responses events that the SDK assembles into the same answer', async () => {
      const stream = client.responses.stream({ model, input: [{ role: 'user', content: 'Resume la ley del IVA' }] });
      const deltas: string[] = [];
      stream.on('response.output_text.delta', (event) => deltas.push(event.delta));
      const final = await stream.finalResponse();
      expect(final.status).toBe('completed');
      expect((final as unknown as { x_gateway: { model: string; cost_usd: string } }).x_gateway).toMatchObject({ model, cost_usd: expect.stringMatching(/^\d+\.\d{12}$/) });
      expect(deltas.length).toBeGreaterThan(1);
      expect(final.output_text).toBe(deltas.join(''));
      expect(final.output_text).toContain('Resume la ley del IVA');
      expect(final.usage!.output_tokens).toBeGreaterThan(0);
    });

    it('round-trips a function call: the call as an output item, its output sent back in input', async () => {
      const ask = { role: 'user' as const, content: 'Usa la herramienta para el folio 7' };
      const first = await client.responses.create({ model, input: [ask], tools: [FOLIO_TOOL], tool_choice: 'required' });
      const call = first.output.find((item): item is OpenAI.Responses.ResponseFunctionToolCall => item.type === 'function_call')!;
      expect(call).toMatchObject({ name: 'consultar_folio', call_id: expect.any(String), status: 'completed' });
      expect(JSON.parse(call.arguments)).toMatchObject({ folio: expect.any(Number), tipo: '33' });

      const second = await client.responses.create({
        model,
        tools: [FOLIO_TOOL],
        input: [ask, call, { type: 'function_call_output', call_id: call.call_id, output: 'Folio 7 aceptado por el SII' }],
      });
      expect(second.output_text).toContain('Folio 7 aceptado por el SII');
      expect(emulator.stats().byVendor[vendor].received).toBe(2);
    });
  });

  it('streams a function call as function_call_arguments deltas the SDK assembles', async () => {
    const stream = client.responses.stream({ model: 'gpt-6-luna', input: 'Usa la herramienta para el folio 7', tools: [FOLIO_TOOL], tool_choice: { type: 'function', name: 'consultar_folio' } });
    const final = await stream.finalResponse();
    const call = final.output.find((item) => item.type === 'function_call') as OpenAI.Responses.ResponseFunctionToolCall;
    expect(call.name).toBe('consultar_folio');
    expect(JSON.parse(call.arguments)).toMatchObject({ tipo: '33' });
    expect(emulator.lastRequest('openai')!.body).toMatchObject({ tool_choice: { type: 'function', function: { name: 'consultar_folio' } } });
  });

  it('carries structured output (text.format json_schema) and images', async () => {
    const schema = { type: 'object', properties: { tipo_dte: { type: 'integer', minimum: 33 }, glosa: { type: 'string' } }, required: ['tipo_dte', 'glosa'], additionalProperties: false };
    const structured = await client.responses.create({
      model: 'gpt-6-luna',
      input: 'Clasifica la factura',
      text: { format: { type: 'json_schema', name: 'clasificacion', strict: true, schema } },
    });
    expect(JSON.parse(structured.output_text)).toEqual({ tipo_dte: 33, glosa: expect.any(String) });
    expect(emulator.lastRequest('openai')!.body).toMatchObject({ response_format: { type: 'json_schema', json_schema: { name: 'clasificacion', strict: true, schema } } });

    const seen = await client.responses.create({
      model: 'gpt-6-luna',
      input: [
        {
          role: 'user',
          content: [
            { type: 'input_text', text: '¿Qué documento es?' },
            { type: 'input_image', image_url: PNG, detail: 'auto' },
          ],
        },
      ],
    });
    expect(seen.output_text).toContain('Recibí 1 imagen');
  });

  it('refuses what needs stored responses or hosted tools with a 400 that says why', async () => {
    await expect(client.responses.create({ model: 'gpt-6-luna', input: 'Hola', previous_response_id: 'resp_123' })).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining('previous_response_id needs responses stored by the server'),
    });
    await expect(client.responses.create({ model: 'gpt-6-luna', input: 'Hola', tools: [{ type: 'web_search' }] })).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining('only function tools are supported here'),
    });
    await expect(client.responses.create({ model: 'gpt-6-luna', input: [{ type: 'item_reference', id: 'msg_1' }] })).rejects.toMatchObject({ status: 400 });
    await expect(client.responses.retrieve('resp_123')).rejects.toMatchObject({ status: 404, message: expect.stringContaining('this gateway keeps no responses') });
    expect(emulator.stats().requests).toHaveLength(0);
  });
});
