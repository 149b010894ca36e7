import Anthropic, { BadRequestError } from '@anthropic-ai/sdk';
import type { MessageParam, RawMessageStreamEvent, Tool, ToolUseBlock } from '@anthropic-ai/sdk/resources/messages';

import { type Emulator, startEmulator } from './emulator';
import { conformsTo } from './features/schema-sample';

const MODEL = 'claude-sonnet-4-6';
const PIXEL = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const lookupRut: Tool = {
  description: 'Busca un contribuyente por RUT',
  input_schema: { properties: { include_history: { type: 'boolean' }, rut: { type: 'string' } }, required: ['rut', 'include_history'], type: 'object' },
  name: 'lookup_rut',
};
const listInvoices: Tool = {
  input_schema: { properties: { limit: { maximum: 50, minimum: 5, type: 'integer' }, status: { enum: ['pending', 'paid'], type: 'string' } }, required: ['status', 'limit'], type: 'object' },
  name: 'list_invoices',
};

describe('emulator: Anthropic tools, images, stop sequences and structured output through @anthropic-ai/sdk', () => {
  let emulator: Emulator;
  let client: Anthropic;
  const ask = (content: MessageParam['content'], extra: Partial<Anthropic.MessageCreateParamsNonStreaming> = {}) =>
    client.messages.create({ max_tokens: 300, messages: [{ content, role: 'user' }], model: MODEL, tools: [lookupRut, listInvoices], ...extra });

  beforeAll(async () => {
    emulator = await startEmulator({ chunkDelayMs: 0 });
    client = new Anthropic({ apiKey: 'test-key', baseURL: emulator.url, maxRetries: 0 });
  });
  afterEach(() => emulator.reset());
  afterAll(() => emulator.close());

  it('answers a tool_use block with input generated from the schema when the user asks for a tool', async () => {
    const message = await ask('Usa la herramienta para el RUT 76.123.456-7');

    expect(message.stop_reason).toBe('tool_use');
    expect(message.content).toEqual([
      expect.objectContaining({
        id: expect.stringMatching(/^toolu_[A-Za-z0-9]{24}$/),
        input: { include_history: true, rut: 'Usa la herramienta para el RUT 76.123.456-7' },
        name: 'lookup_rut',
        type: 'tool_use',
      }),
    ]);
  });

  it('follows tool_choice: a named tool, any tool, none; and calls two tools unless parallel use is disabled', async () => {
    const named = await ask('Facturas pendientes', { tool_choice: { name: 'list_invoices', type: 'tool' } });
    const any = await ask('Facturas pendientes', { tool_choice: { type: 'any' } });
    const none = await ask('Usa la herramienta', { tool_choice: { type: 'none' } });
    const two = await ask('Usa dos herramientas');
    const one = await ask('Usa dos herramientas', { tool_choice: { disable_parallel_tool_use: true, type: 'auto' } });

    expect(named.content).toEqual([expect.objectContaining({ input: { limit: 5, status: 'pending' }, name: 'list_invoices' })]);
    expect((any.content[0] as ToolUseBlock).name).toBe('lookup_rut');
    expect(none).toMatchObject({ content: [{ type: 'text' }], stop_reason: 'end_turn' });
    expect(two.content.map((block) => (block as ToolUseBlock).name)).toEqual(['lookup_rut', 'list_invoices']);
    expect(one.content).toHaveLength(1);
  });

  it('streams tool_use blocks with input_json_delta fragments that the SDK assembles', async () => {
    const events: RawMessageStreamEvent[] = [];
    const stream = client.messages.stream({ max_tokens: 300, messages: [{ content: 'Use two tools', role: 'user' }], model: MODEL, tools: [lookupRut, listInvoices] });
    stream.on('streamEvent', (event) => events.push(event));

    const message = await stream.finalMessage();

    expect(message.stop_reason).toBe('tool_use');
    expect(message.content).toEqual([
      expect.objectContaining({ input: { include_history: true, rut: 'Use two tools' }, name: 'lookup_rut', type: 'tool_use' }),
      expect.objectContaining({ input: { limit: 5, status: 'pending' }, name: 'list_invoices', type: 'tool_use' }),
    ]);
    const starts = events.filter((event) => event.type === 'content_block_start');
    expect(starts.map((event) => [event.index, event.content_block])).toEqual([
      [0, expect.objectContaining({ input: {}, name: 'lookup_rut', type: 'tool_use' })],
      [1, expect.objectContaining({ input: {}, name: 'list_invoices', type: 'tool_use' })],
    ]);
    const fragments = events.filter((event) => event.type === 'content_block_delta' && event.index === 0 && event.delta.type === 'input_json_delta');
    expect(fragments.length).toBeGreaterThan(2);
    expect(events.filter((event) => event.type === 'content_block_stop')).toHaveLength(2);
  });

  it('quotes a tool_result that answers the previous tool_use', async () => {
    const first = await ask('Usa la herramienta para el RUT');
    const call = first.content[0] as ToolUseBlock;
    const result = 'Contribuyente: Ferretería Sur SpA, giro comercio al por menor, inicio de actividades 2015';

    const answer = await client.messages.create({
      max_tokens: 300,
      messages: [
        { content: 'Usa la herramienta para el RUT', role: 'user' },
        { content: first.content, role: 'assistant' },
        { content: [{ content: [{ text: result, type: 'text' }], tool_use_id: call.id, type: 'tool_result' }], role: 'user' },
      ],
      model: MODEL,
      tools: [lookupRut],
    });

    expect(answer).toMatchObject({ content: [{ text: `Resultado de la herramienta: ${result.slice(0, 60)}`, type: 'text' }], stop_reason: 'end_turn' });
  });

  it('rejects a tool_result without its tool_use, and a tool_use left unanswered, like Anthropic', async () => {
    const orphan = await ask([{ content: '42', tool_use_id: 'toolu_x', type: 'tool_result' }]).catch((e: unknown) => e);
    const unanswered = await client.messages
      .create({
        max_tokens: 100,
        messages: [
          { content: 'hola', role: 'user' },
          { content: [{ id: 'toolu_a', input: {}, name: 'lookup_rut', type: 'tool_use' }], role: 'assistant' },
          { content: 'sigue', role: 'user' },
        ],
        model: MODEL,
        tools: [lookupRut],
      })
      .catch((e: unknown) => e);

    expect(orphan).toBeInstanceOf(BadRequestError);
    expect((orphan as BadRequestError).message).toContain('messages.0.content.0: unexpected `tool_use_id` found in `tool_result` blocks: toolu_x');
    expect((unanswered as BadRequestError).message).toContain('messages.1: `tool_use` ids were found without `tool_result` blocks immediately after: toolu_a');
  });

  it('counts base64 and URL images, says how many arrived and bills 85 tokens each', async () => {
    const text = 'Compara estas boletas';
    const message = await client.messages.create({
      max_tokens: 100,
      messages: [
        {
          content: [
            { source: { data: PIXEL, media_type: 'image/png', type: 'base64' }, type: 'image' },
            { source: { type: 'url', url: 'https://example.com/boleta.jpg' }, type: 'image' },
            { text, type: 'text' },
          ],
          role: 'user',
        },
      ],
      model: MODEL,
    });
    const badType = await client.messages
      .create({ max_tokens: 10, messages: [{ content: [{ source: { data: PIXEL, media_type: 'image/bmp' as 'image/png', type: 'base64' }, type: 'image' }], role: 'user' }], model: MODEL })
      .catch((e: unknown) => e);

    const counted = await client.messages.countTokens({
      messages: [
        {
          content: [
            { source: { data: PIXEL, media_type: 'image/png', type: 'base64' }, type: 'image' },
            { text, type: 'text' },
          ],
          role: 'user',
        },
      ],
      model: MODEL,
    });

    expect(message.content).toEqual([expect.objectContaining({ text: `Respuesta simulada de ${MODEL}: Recibí 2 imágenes. ${text}` })]);
    expect(message.usage.input_tokens).toBe(Math.ceil(text.length / 4) + 2 * 85);
    expect(counted.input_tokens).toBe(Math.ceil(text.length / 4) + 85);
    expect((badType as BadRequestError).message).toContain("messages.0.content.0.image.source.base64.media_type: Input should be 'image/jpeg'");
  });

  it('refuses in count_tokens the Messages fields it does not take, as Anthropic does', async () => {
    const refused = await client.messages
      .countTokens({ model: MODEL, messages: [{ role: 'user', content: 'hola' }], max_tokens: 10 } as Parameters<typeof client.messages.countTokens>[0])
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(BadRequestError);
    expect((refused as BadRequestError).message).toContain('max_tokens: Extra inputs are not permitted');
  });

  it('counts document blocks beside images', async () => {
    const message = await client.messages.create({
      max_tokens: 100,
      messages: [
        {
          content: [
            { source: { data: 'JVBERi0xLjQ=', media_type: 'application/pdf', type: 'base64' }, type: 'document' },
            { source: { data: 'Cláusula primera: plazo de 30 días.', media_type: 'text/plain', type: 'text' }, type: 'document' },
            { source: { type: 'url', url: 'https://example.com/logo.png' }, type: 'image' },
            { text: 'Resume', type: 'text' },
          ],
          role: 'user',
        },
      ],
      model: MODEL,
    });

    expect(message.content).toEqual([expect.objectContaining({ text: `Respuesta simulada de ${MODEL}: Recibí 1 imagen y 2 documentos. Resume` })]);
  });

  it('stops at the first stop sequence with stop_reason stop_sequence, streamed too', async () => {
    const request = { max_tokens: 100, messages: [{ content: 'uno dos tres cuatro', role: 'user' as const }], model: MODEL, stop_sequences: ['tres', 'cuatro'] };
    const message = await client.messages.create(request);
    const streamed = await client.messages.stream(request).finalMessage();

    for (const result of [message, streamed]) {
      expect(result).toMatchObject({ content: [{ text: `Respuesta simulada de ${MODEL}: uno dos ` }], stop_reason: 'stop_sequence', stop_sequence: 'tres' });
    }
  });

  it('answers JSON conforming to output_config.format json_schema', async () => {
    const schema = {
      additionalProperties: false,
      properties: { approved: { type: 'boolean' }, reasons: { items: { type: 'string' }, type: 'array' } },
      required: ['approved', 'reasons'],
      type: 'object',
    };
    const message = await client.messages.create({
      max_tokens: 200,
      messages: [{ content: '¿Se aprueba el gasto?', role: 'user' }],
      model: MODEL,
      output_config: { format: { schema, type: 'json_schema' } },
    });

    const parsed: unknown = JSON.parse((message.content[0] as Anthropic.TextBlock).text);
    expect(conformsTo(parsed, schema)).toBe(true);
    expect(parsed).toEqual({ approved: true, reasons: ['¿Se aprueba el gasto?'] });
  });

  it('accepts top_k, top_p and metadata.user_id, and rejects fields Anthropic does not know', async () => {
    const sampling = { metadata: { user_id: 'empresa-42' }, top_k: 40, top_p: 0.9 };
    const accepted = await client.messages.create({ max_tokens: 50, messages: [{ content: 'hola', role: 'user' }], model: MODEL, ...sampling } as Anthropic.MessageCreateParamsNonStreaming);
    const reject = (extra: object) =>
      client.messages
        .create({ max_tokens: 50, messages: [{ content: 'hola', role: 'user' }], model: MODEL, ...extra } as Anthropic.MessageCreateParamsNonStreaming)
        .catch((e: BadRequestError) => [e.status, (e.error as { error: { message: string } }).error.message]);

    expect(accepted.stop_reason).toBe('end_turn');
    expect(emulator.lastRequest('anthropic')?.body).toMatchObject(sampling);
    expect(await reject({ metadata: { tenant: 'x' } })).toEqual([400, 'metadata.tenant: Extra inputs are not permitted']);
    expect(await reject({ top_p: 2 })).toEqual([400, 'top_p: Input should be less than or equal to 1']);
    expect(await reject({ n: 2 })).toEqual([400, 'n: Extra inputs are not permitted']);
  });
});
