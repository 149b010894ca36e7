import Anthropic from '@anthropic-ai/sdk';

import { type Emulator, startEmulator } from './emulator';

const MODEL = 'claude-sonnet-4-6';

describe('emulator: Anthropic Messages through the @anthropic-ai/sdk', () => {
  let emulator: Emulator;
  let client: Anthropic;

  beforeAll(async () => {
    emulator = await startEmulator();
    client = new Anthropic({ apiKey: 'test-key', baseURL: emulator.url, maxRetries: 0 });
  });
  afterEach(() => emulator.reset());
  afterAll(() => emulator.close());

  it('answers a message with end_turn and realistic usage', async () => {
    const content = 'Calcula la liquidación de sueldo de marzo para el trabajador';
    const message = await client.messages.create({ max_tokens: 200, messages: [{ content, role: 'user' }], model: MODEL, system: 'Eres un experto en remuneraciones.' });

    expect(message.content).toEqual([expect.objectContaining({ text: `Respuesta simulada de ${MODEL}: Calcula la liquidación de sueldo de marzo para`, type: 'text' })]);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.usage).toMatchObject({
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      input_tokens: Math.ceil((content.length + 'Eres un experto en remuneraciones.'.length) / 4),
      output_tokens: Math.ceil(12 * 1.3),
    });
  });

  it('streams text deltas and ends with the final output token count', async () => {
    const stream = client.messages.stream({ max_tokens: 200, messages: [{ content: 'uno dos tres cuatro cinco seis', role: 'user' }], model: MODEL });
    const deltas: string[] = [];
    stream.on('text', (text) => deltas.push(text));

    const message = await stream.finalMessage();

    expect(deltas.length).toBeGreaterThanOrEqual(4);
    expect(deltas.join('')).toBe(`Respuesta simulada de ${MODEL}: uno dos tres cuatro cinco seis`);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.usage.output_tokens).toBe(Math.ceil(10 * 1.3));
  });

  it('writes the cache_control prefix on the first request and reads it on identical later ones', async () => {
    const system = 'Normativa SII para documentos tributarios electrónicos. '.repeat(80);
    const ask = (content: string) =>
      client.messages.create({
        max_tokens: 100,
        messages: [{ content, role: 'user' }],
        model: MODEL,
        system: [{ cache_control: { type: 'ephemeral' }, text: system, type: 'text' }],
      });
    const prefixTokens = Math.ceil(system.length / 4);

    const first = await ask('primera consulta');
    const second = await ask('segunda consulta');
    const streamed = await client.messages
      .stream({ max_tokens: 100, messages: [{ content: 'tercera', role: 'user' }], model: MODEL, system: [{ cache_control: { type: 'ephemeral' }, text: system, type: 'text' }] })
      .finalMessage();

    expect(first.usage).toMatchObject({ cache_creation_input_tokens: prefixTokens, cache_read_input_tokens: 0 });
    expect(second.usage).toMatchObject({ cache_creation_input_tokens: 0, cache_read_input_tokens: prefixTokens });
    expect(second.usage.input_tokens).toBe(Math.ceil((system.length + 'segunda consulta'.length) / 4) - prefixTokens);
    expect(streamed.usage).toMatchObject({ cache_creation_input_tokens: 0, cache_read_input_tokens: prefixTokens });
  });

  it('creates a new cache entry when the cached prefix changes', async () => {
    const ask = (system: string) =>
      client.messages.create({ max_tokens: 50, messages: [{ content: 'hola', role: 'user' }], model: MODEL, system: [{ cache_control: { type: 'ephemeral' }, text: system, type: 'text' }] });

    await ask('prefijo A '.repeat(50));
    const other = await ask('prefijo B '.repeat(50));

    expect(other.usage).toMatchObject({ cache_creation_input_tokens: Math.ceil(500 / 4), cache_read_input_tokens: 0 });
  });

  it('rejects a request without max_tokens with an invalid_request_error', async () => {
    const response = await fetch(`${emulator.url}/v1/messages`, {
      body: JSON.stringify({ messages: [{ content: 'hola', role: 'user' }], model: MODEL }),
      headers: { 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
      method: 'POST',
    });

    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { message: 'max_tokens: Field required', type: 'invalid_request_error' }, type: 'error' });
  });
});
