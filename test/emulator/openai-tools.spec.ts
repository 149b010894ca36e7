import OpenAI, { BadRequestError } from 'openai';
import type { ChatCompletionChunk, ChatCompletionMessageParam, ChatCompletionTool } from 'openai/resources/chat/completions';

import { type Emulator, startEmulator } from './emulator';

const MODEL = 'gpt-4o-mini';
const weather: ChatCompletionTool = {
  function: {
    description: 'Clima actual de una ciudad',
    name: 'get_weather',
    parameters: {
      additionalProperties: false,
      properties: { city: { type: 'string' }, days: { type: 'integer', minimum: 1 }, unit: { enum: ['celsius', 'fahrenheit'], type: 'string' } },
      required: ['city', 'unit', 'days'],
      type: 'object',
    },
    strict: true,
  },
  type: 'function',
};
const exchangeRate: ChatCompletionTool = {
  function: { name: 'get_uf_value', parameters: { properties: { date: { format: 'date', type: 'string' } }, required: ['date'], type: 'object' } },
  type: 'function',
};

describe('emulator: OpenAI tool calls through the openai SDK', () => {
  let emulator: Emulator;
  let client: OpenAI;
  const ask = (content: string, extra: Partial<OpenAI.ChatCompletionCreateParamsNonStreaming> = {}) =>
    client.chat.completions.create({ messages: [{ content, role: 'user' }], model: MODEL, tools: [weather, exchangeRate], ...extra });

  beforeAll(async () => {
    emulator = await startEmulator({ chunkDelayMs: 0 });
    client = new OpenAI({ apiKey: 'test-key', baseURL: `${emulator.url}/v1`, maxRetries: 0 });
  });
  afterEach(() => emulator.reset());
  afterAll(() => emulator.close());

  it('calls the first tool with arguments generated from its schema when the user asks for a tool', async () => {
    const result = await ask('Usa la herramienta del clima para Santiago');

    const choice = result.choices[0];
    expect(choice.finish_reason).toBe('tool_calls');
    expect(choice.message.content).toBeNull();
    expect(choice.message.tool_calls).toHaveLength(1);
    const call = choice.message.tool_calls?.[0] as OpenAI.ChatCompletionMessageFunctionToolCall;
    expect(call.id).toMatch(/^call_[A-Za-z0-9]{24}$/);
    expect(call.function.name).toBe('get_weather');
    expect(JSON.parse(call.function.arguments)).toEqual({ city: 'Usa la herramienta del clima para Santiago', days: 1, unit: 'celsius' });
  });

  it('answers text when tools are declared but neither forced nor asked for, or when the choice is none', async () => {
    const unasked = await ask('¿Qué día es hoy?');
    const refused = await ask('Usa la herramienta del clima', { tool_choice: 'none' });

    expect(unasked.choices[0]).toMatchObject({ finish_reason: 'stop', message: { content: `Respuesta simulada de ${MODEL}: ¿Qué día es hoy?` } });
    expect(unasked.choices[0].message.tool_calls).toBeUndefined();
    expect(refused.choices[0].finish_reason).toBe('stop');
  });

  it('calls the forced tool, or the first one when any tool is required', async () => {
    const forced = await ask('Valor de la UF', { tool_choice: { function: { name: 'get_uf_value' }, type: 'function' } });
    const required = await ask('Valor de la UF', { tool_choice: 'required' });

    const forcedCall = forced.choices[0].message.tool_calls?.[0] as OpenAI.ChatCompletionMessageFunctionToolCall;
    expect(forcedCall.function).toEqual({ arguments: '{"date":"2026-01-15"}', name: 'get_uf_value' });
    expect((required.choices[0].message.tool_calls?.[0] as OpenAI.ChatCompletionMessageFunctionToolCall).function.name).toBe('get_weather');
  });

  it('limits calls to allowed_tools, forcing one of them in required mode, and never calls a custom tool', async () => {
    const allowed = (mode: 'auto' | 'required') =>
      ask('Valor de la UF', { tool_choice: { allowed_tools: { mode, tools: [{ function: { name: 'get_uf_value' }, type: 'function' }] }, type: 'allowed_tools' } });
    const custom = { custom: { description: 'Ejecuta SQL', name: 'run_sql' }, type: 'custom' } as const;

    const required = await allowed('required');
    const auto = await allowed('auto');
    const withCustom = await ask('Usa la herramienta', { tools: [custom, weather] });

    expect((required.choices[0].message.tool_calls?.[0] as OpenAI.ChatCompletionMessageFunctionToolCall).function.name).toBe('get_uf_value');
    expect(auto.choices[0].finish_reason).toBe('stop');
    expect((withCustom.choices[0].message.tool_calls?.[0] as OpenAI.ChatCompletionMessageFunctionToolCall).function.name).toBe('get_weather');
  });

  it('calls the first two tools in parallel when asked for two tools, unless parallel calls are disabled', async () => {
    const parallel = await ask('Usa dos herramientas: clima y UF');
    const serial = await ask('Usa dos herramientas: clima y UF', { parallel_tool_calls: false });

    const names = parallel.choices[0].message.tool_calls?.map((call) => (call as OpenAI.ChatCompletionMessageFunctionToolCall).function.name);
    expect(names).toEqual(['get_weather', 'get_uf_value']);
    expect(new Set(parallel.choices[0].message.tool_calls?.map((call) => call.id)).size).toBe(2);
    expect(serial.choices[0].message.tool_calls).toHaveLength(1);
  });

  it('streams tool calls as OpenAI does: an opening delta per call, then argument fragments by index', async () => {
    const stream = await client.chat.completions.create({
      messages: [{ content: 'Usa dos herramientas por favor', role: 'user' }],
      model: MODEL,
      stream: true,
      tools: [weather, exchangeRate],
    });
    const chunks: ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);

    const toolDeltas = chunks.flatMap((chunk) => chunk.choices[0]?.delta?.tool_calls ?? []);
    const openings = toolDeltas.filter((delta) => delta.id);
    expect(openings.map((delta) => [delta.index, delta.type, delta.function?.name, delta.function?.arguments])).toEqual([
      [0, 'function', 'get_weather', ''],
      [1, 'function', 'get_uf_value', ''],
    ]);
    const fragments = toolDeltas.filter((delta) => !delta.id);
    expect(fragments.filter((delta) => delta.index === 0).length).toBeGreaterThan(2);
    expect(fragments.every((delta) => delta.function?.name === undefined && typeof delta.function?.arguments === 'string')).toBe(true);
    const joined = (index: number) =>
      toolDeltas
        .filter((delta) => delta.index === index)
        .map((delta) => delta.function?.arguments)
        .join('');
    expect(JSON.parse(joined(0))).toEqual({ city: 'Usa dos herramientas por favor', days: 1, unit: 'celsius' });
    expect(JSON.parse(joined(1))).toEqual({ date: '2026-01-15' });
    expect(chunks.map((chunk) => chunk.choices[0]?.finish_reason).filter(Boolean)).toEqual(['tool_calls']);
  });

  it('assembles the same call with the SDK stream helper', async () => {
    const completion = await client.chat.completions.stream({ messages: [{ content: 'Use a tool please', role: 'user' }], model: MODEL, tools: [weather] }).finalChatCompletion();

    const call = completion.choices[0].message.tool_calls?.[0] as OpenAI.ChatCompletionMessageFunctionToolCall;
    expect(call.function.name).toBe('get_weather');
    expect(JSON.parse(call.function.arguments)).toEqual({ city: 'Use a tool please', days: 1, unit: 'celsius' });
  });

  it('quotes the tool result when the last message is a tool message answering the previous call', async () => {
    const first = await ask('Usa la herramienta del clima');
    const call = first.choices[0].message.tool_calls?.[0] as OpenAI.ChatCompletionMessageFunctionToolCall;
    const toolOutput = '{"temperatura":21,"cielo":"despejado","humedad":40,"viento":"suave del suroeste a 12 km/h"}';
    const history: ChatCompletionMessageParam[] = [{ content: 'Usa la herramienta del clima', role: 'user' }, first.choices[0].message, { content: toolOutput, role: 'tool', tool_call_id: call.id }];

    const result = await client.chat.completions.create({ messages: history, model: MODEL, tools: [weather] });

    expect(result.choices[0]).toMatchObject({
      finish_reason: 'stop',
      message: { content: `Resultado de la herramienta: ${toolOutput.slice(0, 60)}` },
    });
  });

  it('rejects a tool message that answers no call, and a call left without an answer, like OpenAI', async () => {
    const orphan = await client.chat.completions
      .create({
        messages: [
          { content: 'hola', role: 'user' },
          { content: '42', role: 'tool', tool_call_id: 'call_x' },
        ],
        model: MODEL,
      })
      .catch((e: unknown) => e);
    const unanswered = await client.chat.completions
      .create({
        messages: [
          { content: 'hola', role: 'user' },
          { content: null, role: 'assistant', tool_calls: [{ function: { arguments: '{}', name: 'get_weather' }, id: 'call_a', type: 'function' }] },
          { content: 'sigue', role: 'user' },
        ],
        model: MODEL,
      })
      .catch((e: unknown) => e);

    expect(orphan).toBeInstanceOf(OpenAI.BadRequestError);
    expect((orphan as BadRequestError).error).toMatchObject({ param: 'messages.[1].role', type: 'invalid_request_error' });
    expect((orphan as Error).message).toContain("messages with role 'tool' must be a response to a preceeding message with 'tool_calls'");
    expect(unanswered).toBeInstanceOf(OpenAI.BadRequestError);
    expect((unanswered as Error).message).toContain('The following tool_call_ids did not have response messages: call_a');
  });

  it('rejects a strict tool whose schema is not closed, and tool_choice without tools', async () => {
    const loose = { ...weather, function: { ...weather.function, parameters: { properties: { city: { type: 'string' } }, required: ['city'], type: 'object' } } };
    const strictError = await ask('hola', { tools: [loose as ChatCompletionTool] }).catch((e: unknown) => e);
    const choiceError = await client.chat.completions.create({ messages: [{ content: 'hola', role: 'user' }], model: MODEL, tool_choice: 'required' }).catch((e: unknown) => e);

    expect((strictError as Error).message).toContain("Invalid schema for function 'get_weather': In context=(), 'additionalProperties' is required to be supplied and to be false.");
    expect((choiceError as BadRequestError).error).toMatchObject({ param: 'tool_choice' });
  });

  it('bills the tool definitions as prompt tokens and the call as completion tokens', async () => {
    const plain = await client.chat.completions.create({ messages: [{ content: 'Usa la herramienta', role: 'user' }], model: MODEL });
    const withTools = await ask('Usa la herramienta');

    const declared = Math.ceil((JSON.stringify([weather, exchangeRate]).length + 'Usa la herramienta'.length) / 4);
    expect(withTools.usage?.prompt_tokens).toBe(declared);
    expect(withTools.usage?.prompt_tokens).toBeGreaterThan(plain.usage?.prompt_tokens ?? 0);
    const call = withTools.choices[0].message.tool_calls?.[0] as OpenAI.ChatCompletionMessageFunctionToolCall;
    expect(withTools.usage?.completion_tokens).toBe(Math.ceil((call.function.name.length + call.function.arguments.length) / 4));
  });
});
