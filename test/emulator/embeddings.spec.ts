import { ApiError, GoogleGenAI } from '@google/genai';
import OpenAI, { BadRequestError } from 'openai';

import { type Emulator, startEmulator } from './emulator';

const norm = (vector: number[]) => Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0));
const cosine = (a: number[], b: number[]) => a.reduce((sum, value, i) => sum + value * b[i], 0) / (norm(a) * norm(b));

describe('emulator: embeddings through the openai and @google/genai SDKs', () => {
  let emulator: Emulator;
  let openai: OpenAI;
  let gemini: GoogleGenAI;

  beforeAll(async () => {
    emulator = await startEmulator();
    openai = new OpenAI({ apiKey: 'test-key', baseURL: `${emulator.url}/v1`, maxRetries: 0 });
    gemini = new GoogleGenAI({ apiKey: 'test-key', httpOptions: { baseUrl: emulator.url, fetch: globalThis.fetch } });
  });
  afterEach(() => emulator.reset());
  afterAll(() => emulator.close());

  it('returns deterministic unit vectors per input with usage, decoding the SDK default base64 like float', async () => {
    const inputs = ['Política de devoluciones de la tienda', 'Horario de atención al cliente'];
    const viaBase64 = await openai.embeddings.create({ input: inputs, model: 'text-embedding-3-small' });
    const viaFloat = await openai.embeddings.create({ encoding_format: 'float', input: inputs, model: 'text-embedding-3-small' });

    expect(emulator.requests('openai').map((request) => (request.body as { encoding_format?: string }).encoding_format)).toEqual(['base64', 'float']);
    expect(viaBase64.data.map((item) => [item.index, item.embedding.length])).toEqual([
      [0, 1536],
      [1, 1536],
    ]);
    expect(norm(viaFloat.data[0].embedding)).toBeCloseTo(1, 6);
    viaFloat.data[0].embedding.forEach((value, i) => expect(viaBase64.data[0].embedding[i]).toBeCloseTo(value, 6));
    expect(viaFloat.usage).toEqual({ prompt_tokens: Math.ceil(inputs[0].length / 4) + Math.ceil(inputs[1].length / 4), total_tokens: expect.any(Number) });
    expect(viaFloat.model).toBe('text-embedding-3-small');
  });

  it('places texts that share words closer than unrelated texts', async () => {
    const { data } = await openai.embeddings.create({
      encoding_format: 'float',
      input: ['plazo de devolución de productos', 'devolución de productos defectuosos', 'liquidación de sueldo mensual'],
      model: 'text-embedding-3-large',
    });

    expect(data[0].embedding).toHaveLength(3072);
    expect(cosine(data[0].embedding, data[1].embedding)).toBeGreaterThan(cosine(data[0].embedding, data[2].embedding) + 0.2);
  });

  it('shortens to dimensions as a renormalised prefix of the full vector', async () => {
    const full = await openai.embeddings.create({ encoding_format: 'float', input: 'boleta electrónica', model: 'text-embedding-3-small' });
    const short = await openai.embeddings.create({ dimensions: 256, encoding_format: 'float', input: 'boleta electrónica', model: 'text-embedding-3-small' });

    const prefix = full.data[0].embedding.slice(0, 256);
    expect(short.data[0].embedding).toHaveLength(256);
    expect(cosine(short.data[0].embedding, prefix)).toBeCloseTo(1, 9);
    expect(norm(short.data[0].embedding)).toBeCloseTo(1, 9);
  });

  it.each([
    [{ input: '', model: 'text-embedding-3-small' }, 'input'],
    [{ dimensions: 64, input: 'hola', model: 'text-embedding-ada-002' }, 'dimensions'],
    [{ dimensions: 4000, input: 'hola', model: 'text-embedding-3-small' }, 'dimensions'],
    [{ encoding_format: 'int8', input: 'hola', model: 'text-embedding-3-small' }, 'encoding_format'],
  ])('rejects %j naming the parameter', async (body, param) => {
    const error = await openai.embeddings.create(body as OpenAI.EmbeddingCreateParams).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).error).toMatchObject({ param });
  });

  it('answers Gemini batchEmbedContents (the SDK embedContent) with one vector per content at outputDimensionality', async () => {
    const result = await gemini.models.embedContent({ config: { outputDimensionality: 64 }, contents: ['uno', 'dos'], model: 'gemini-embedding-001' });

    expect(emulator.lastRequest('gemini')?.path).toBe('/v1beta/models/gemini-embedding-001:batchEmbedContents');
    expect(result.embeddings?.map((embedding) => embedding.values?.length)).toEqual([64, 64]);
    expect(result.embeddings?.[0].values).not.toEqual(result.embeddings?.[1].values);
  });

  it('answers Gemini embedContent with a single embedding of the model size, matching the batch vector', async () => {
    const response = await fetch(`${emulator.url}/v1beta/models/text-embedding-004:embedContent`, {
      body: JSON.stringify({ content: { parts: [{ text: 'uno' }] } }),
      headers: { 'content-type': 'application/json' },
      method: 'POST',
    });
    const single = (await response.json()) as { embedding: { values: number[] } };
    const batch = await gemini.models.embedContent({ contents: 'uno', model: 'text-embedding-004' });

    expect(single.embedding.values).toHaveLength(768);
    expect(batch.embeddings?.[0].values).toEqual(single.embedding.values);
  });

  it('rejects a batch request naming another model than the URL', async () => {
    const response = await fetch(`${emulator.url}/v1beta/models/gemini-embedding-001:batchEmbedContents`, {
      body: JSON.stringify({ requests: [{ content: { parts: [{ text: 'uno' }] }, model: 'models/text-embedding-004' }] }),
      headers: { 'content-type': 'application/json' },
      method: 'POST',
    });

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 400, status: 'INVALID_ARGUMENT' } });
  });

  it('counts embeddings in stats and applies scripted faults to them', async () => {
    emulator.script({ count: 1, status: 429, vendor: 'gemini' });

    const limited = await gemini.models.embedContent({ contents: 'hola', model: 'gemini-embedding-001' }).catch((e: ApiError) => e.status);
    await openai.embeddings.create({ input: 'hola mundo', model: 'text-embedding-3-small' });

    expect(limited).toBe(429);
    expect(emulator.stats()).toMatchObject({
      answered: 1,
      byModel: { 'openai:text-embedding-3-small': { answered: 1, usage: { inputTokens: 3, outputTokens: 0 } } },
      received: 2,
    });
  });
});
