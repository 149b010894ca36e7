import OpenAI, { BadRequestError } from 'openai';
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';

import { type Emulator, startEmulator } from './emulator';
import { conformsTo } from './features/schema-sample';

const MODEL = 'gpt-4o-mini';
const PIXEL = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const invoiceSchema = {
  additionalProperties: false,
  properties: {
    folio: { type: 'integer' },
    lines: {
      items: { additionalProperties: false, properties: { amount: { type: 'number' }, item: { type: 'string' } }, required: ['item', 'amount'], type: 'object' },
      type: 'array',
    },
    status: { enum: ['aceptada', 'rechazada'], type: 'string' },
    issuer: { additionalProperties: false, properties: { rut: { type: 'string' }, vat: { type: ['boolean', 'null'] } }, required: ['rut', 'vat'], type: 'object' },
  },
  required: ['folio', 'status', 'lines', 'issuer'],
  type: 'object',
};

describe('emulator: OpenAI request parameters through the openai SDK', () => {
  let emulator: Emulator;
  let client: OpenAI;
  const user = (content: string) => [{ content, role: 'user' as const }];

  beforeAll(async () => {
    emulator = await startEmulator({ chunkDelayMs: 0 });
    client = new OpenAI({ apiKey: 'test-key', baseURL: `${emulator.url}/v1`, maxRetries: 0 });
  });
  afterEach(() => emulator.reset());
  afterAll(() => emulator.close());

  it('returns n choices indexed 0..n-1 with deterministically different texts, billing all of them', async () => {
    const one = await client.chat.completions.create({ messages: user('hola mundo'), model: MODEL });
    const three = await client.chat.completions.create({ messages: user('hola mundo'), model: MODEL, n: 3 });

    expect(three.choices.map((choice) => choice.index)).toEqual([0, 1, 2]);
    expect(three.choices.map((choice) => choice.message.content)).toEqual([
      `Respuesta simulada de ${MODEL}: hola mundo`,
      `Respuesta simulada de ${MODEL}: hola mundo (opción 2)`,
      `Respuesta simulada de ${MODEL}: hola mundo (opción 3)`,
    ]);
    expect(three.usage?.completion_tokens).toBeGreaterThan(3 * (one.usage?.completion_tokens ?? 0) - 1);
  });

  it('streams n choices interleaved, each ending with its own finish_reason', async () => {
    const stream = await client.chat.completions.create({ messages: user('uno dos tres cuatro'), model: MODEL, n: 2, stream: true });
    const texts = ['', ''];
    const finishes: Array<[number, string]> = [];
    for await (const chunk of stream) {
      for (const choice of chunk.choices) {
        texts[choice.index] += choice.delta.content ?? '';
        if (choice.finish_reason) finishes.push([choice.index, choice.finish_reason]);
      }
    }

    expect(texts).toEqual([`Respuesta simulada de ${MODEL}: uno dos tres cuatro`, `Respuesta simulada de ${MODEL}: uno dos tres cuatro (opción 2)`]);
    expect(finishes).toEqual([
      [0, 'stop'],
      [1, 'stop'],
    ]);
  });

  it('cuts the text before the first stop sequence with finish_reason stop', async () => {
    const result = await client.chat.completions.create({ messages: user('alfa beta gamma delta'), model: MODEL, stop: ['delta', 'gamma'] });

    expect(result.choices[0]).toMatchObject({ finish_reason: 'stop', message: { content: `Respuesta simulada de ${MODEL}: alfa beta ` } });
  });

  it('gives the same answer for the same seed and a different one for another seed', async () => {
    const ask = (seed: number) => client.chat.completions.create({ messages: user('hola'), model: MODEL, seed }).then((r) => r.choices[0].message.content);

    expect(await ask(7)).toBe(await ask(7));
    expect(await ask(7)).not.toBe(await ask(8));
  });

  it('returns one logprobs entry per token with top_logprobs alternatives, also when streaming', async () => {
    const result = await client.chat.completions.create({ logprobs: true, messages: user('uno dos tres'), model: MODEL, top_logprobs: 3 });
    const stream = await client.chat.completions.create({ logprobs: true, messages: user('uno dos tres'), model: MODEL, stream: true });
    const streamed: string[] = [];
    for await (const chunk of stream) streamed.push(...(chunk.choices[0]?.logprobs?.content ?? []).map((entry) => entry.token));

    const content = result.choices[0].logprobs?.content ?? [];
    expect(content.map((entry) => entry.token).join('')).toBe(result.choices[0].message.content);
    expect(content.every((entry) => entry.logprob <= 0 && entry.top_logprobs.length === 3 && entry.top_logprobs[0].token === entry.token)).toBe(true);
    expect(content[0].bytes).toEqual([...Buffer.from(content[0].token)]);
    expect(streamed.join('')).toBe(`Respuesta simulada de ${MODEL}: uno dos tres`);
  });

  it('sends the usage chunk with empty choices only when include_usage is true', async () => {
    const collect = async (includeUsage: boolean | undefined) => {
      const stream = await client.chat.completions.create({
        messages: user('hola'),
        model: MODEL,
        stream: true,
        ...(includeUsage === undefined ? {} : { stream_options: { include_usage: includeUsage } }),
      });
      const chunks: ChatCompletionChunk[] = [];
      for await (const chunk of stream) chunks.push(chunk);
      return chunks;
    };

    const asked = await collect(true);
    const declined = await collect(false);
    const silent = await collect(undefined);

    expect(asked[asked.length - 1]).toMatchObject({ choices: [], usage: { completion_tokens: expect.any(Number) } });
    expect(asked.slice(0, -1).every((chunk) => chunk.usage === null)).toBe(true);
    for (const chunks of [declined, silent]) {
      expect(chunks.every((chunk) => chunk.choices.length === 1 && !('usage' in chunk))).toBe(true);
    }
  });

  it('answers a strict json_schema with a JSON object that conforms to the schema', async () => {
    const result = await client.chat.completions.create({
      messages: user('Extrae la factura'),
      model: MODEL,
      response_format: { json_schema: { name: 'invoice', schema: invoiceSchema, strict: true }, type: 'json_schema' },
    });

    const parsed = JSON.parse(result.choices[0].message.content ?? '') as Record<string, unknown>;
    expect(conformsTo(parsed, invoiceSchema)).toBe(true);
    expect(parsed).toEqual({ folio: 1, issuer: { rut: 'Extrae la factura', vat: true }, lines: [{ amount: 1, item: 'Extrae la factura' }], status: 'aceptada' });
  });

  it('rejects a strict json_schema that leaves a property out of required, naming it', async () => {
    const schema = { ...invoiceSchema, required: ['folio', 'status', 'lines'] };
    const error = await client.chat.completions
      .create({ messages: user('hola'), model: MODEL, response_format: { json_schema: { name: 'invoice', schema, strict: true }, type: 'json_schema' } })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as Error).message).toContain(
      "Invalid schema for response_format 'invoice': In context=(), 'required' is required to be supplied and to be an array including every key in properties. Missing 'issuer'.",
    );
  });

  it('counts image parts by URL and base64, says how many arrived and bills 85 tokens each', async () => {
    const text = 'Describe estas fotos';
    const result = await client.chat.completions.create({
      messages: [
        {
          content: [
            { text, type: 'text' },
            { image_url: { url: 'https://example.com/boleta.jpg' }, type: 'image_url' },
            { image_url: { detail: 'low', url: PIXEL }, type: 'image_url' },
          ],
          role: 'user',
        },
      ],
      model: MODEL,
    });

    expect(result.choices[0].message.content).toBe(`Respuesta simulada de ${MODEL}: Recibí 2 imágenes. ${text}`);
    expect(result.usage?.prompt_tokens).toBe(Math.ceil(text.length / 4) + 2 * 85);
  });

  it('counts input_audio and file parts and says so, refusing an audio format OpenAI does not take', async () => {
    const parts = (format: string): OpenAI.ChatCompletionContentPart[] => [
      { text: 'Transcribe y resume', type: 'text' },
      { input_audio: { data: 'UklGRiQAAABXQVZF', format: format as 'wav' }, type: 'input_audio' },
      { file: { file_data: 'data:application/pdf;base64,JVBERi0xLjQ=', filename: 'contrato.pdf' }, type: 'file' },
    ];
    const result = await client.chat.completions.create({ messages: [{ content: parts('wav'), role: 'user' }], model: MODEL });
    const flac = await client.chat.completions.create({ messages: [{ content: parts('flac'), role: 'user' }], model: MODEL }).catch((e: BadRequestError) => e);

    expect(result.choices[0].message.content).toBe(`Respuesta simulada de ${MODEL}: Recibí 1 audio y 1 documento. Transcribe y resume`);
    expect(flac).toMatchObject({ error: { param: 'messages[0].content[1].input_audio.format' }, status: 400 });
  });

  it('rejects an image that is neither an http(s) URL nor a supported data URL', async () => {
    const send = (url: string) =>
      client.chat.completions.create({ messages: [{ content: [{ image_url: { url }, type: 'image_url' }], role: 'user' }], model: MODEL }).catch((e: BadRequestError) => [e.status, e.error]);

    expect(await send('ftp://example.com/a.png')).toEqual([400, expect.objectContaining({ param: 'messages[0].content[0].image_url.url' })]);
    expect(await send('data:application/pdf;base64,AAAA')).toEqual([400, expect.objectContaining({ message: expect.stringContaining('unsupported image') })]);
  });

  it('honours max_completion_tokens, and refuses max_tokens and a non-default temperature on reasoning models', async () => {
    const capped = await client.chat.completions.create({ max_completion_tokens: 3, messages: user('uno dos tres cuatro'), model: 'o4-mini' });
    const maxTokens = await client.chat.completions.create({ max_tokens: 3, messages: user('hola'), model: 'o4-mini' }).catch((e: BadRequestError) => e);
    const temperature = await client.chat.completions.create({ messages: user('hola'), model: 'gpt-5-mini', temperature: 0 }).catch((e: BadRequestError) => e);

    expect(capped.choices[0].finish_reason).toBe('length');
    expect(maxTokens).toMatchObject({ error: { param: 'max_tokens' }, status: 400 });
    expect((maxTokens as BadRequestError).message).toContain("Use 'max_completion_tokens' instead.");
    expect(temperature).toMatchObject({ error: { param: 'temperature' }, status: 400 });
  });

  it("applies Groq's documented refusals under Groq's /openai/v1 path, and DeepSeek reasoner's to logprobs", async () => {
    const groq = new OpenAI({ apiKey: 'test-key', baseURL: `${emulator.url}/openai/v1`, maxRetries: 0 });
    const deepseek = new OpenAI({ apiKey: 'test-key', baseURL: emulator.url, maxRetries: 0 });
    const refusal = (promise: Promise<unknown>) =>
      promise.then(
        () => 'ok',
        (e: BadRequestError) => [e.status, (e.error as { param?: string }).param],
      );
    const groqModel = 'llama-3.3-70b-versatile';

    expect(await refusal(groq.chat.completions.create({ messages: user('hola'), model: groqModel, n: 1 }))).toBe('ok');
    expect(await refusal(groq.chat.completions.create({ messages: user('hola'), model: groqModel, n: 2 }))).toEqual([400, 'n']);
    expect(await refusal(groq.chat.completions.create({ logprobs: true, messages: user('hola'), model: groqModel }))).toEqual([400, 'logprobs']);
    expect(await refusal(groq.chat.completions.create({ logit_bias: { '50256': -100 }, messages: user('hola'), model: groqModel }))).toEqual([400, 'logit_bias']);
    expect(await refusal(groq.chat.completions.create({ messages: [{ content: 'hola', name: 'ana', role: 'user' }], model: groqModel }))).toEqual([400, 'messages.0.name']);
    expect(await refusal(groq.embeddings.create({ input: 'hola', model: 'text-embedding-3-small' }))).toEqual([404, undefined]);
    expect(await refusal(client.chat.completions.create({ logprobs: true, messages: user('hola'), model: groqModel, n: 2 }))).toBe('ok');
    expect(await refusal(deepseek.chat.completions.create({ logprobs: true, messages: user('hola'), model: 'deepseek-reasoner' }))).toEqual([400, 'logprobs']);
  });

  it.each([
    [{ n: 0 }, 'n', "Invalid 'n': integer below minimum value"],
    [{ stop: ['a', 'b', 'c', 'd', 'e'] }, 'stop', "Invalid 'stop': array too long"],
    [{ seed: 1.5 }, 'seed', "Invalid type for 'seed'"],
    [{ top_logprobs: 2 }, 'logprobs', "'top_logprobs'"],
    [{ temperature: 3 }, 'temperature', "Invalid 'temperature': decimal above maximum value"],
    [{ stream_options: { include_usage: true } }, 'stream_options', "'stream_options' parameter is only allowed when 'stream' is enabled"],
    [{ drop_params: true }, null, 'Unrecognized request argument supplied: drop_params'],
  ])('rejects %j like OpenAI', async (extra, param, message) => {
    const error = await client.chat.completions
      .create({ messages: user('hola'), model: MODEL, ...(extra as object) } as OpenAI.ChatCompletionCreateParamsNonStreaming)
      .catch((e: BadRequestError) => e);

    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).error).toMatchObject({ param, type: 'invalid_request_error' });
    expect((error as BadRequestError).message).toContain(message);
  });
});
