import { ApiError, FunctionCallingConfigMode, type FunctionDeclaration, GoogleGenAI, type Part, Type } from '@google/genai';

import { type Emulator, startEmulator } from './emulator';
import { conformsTo } from './features/schema-sample';

const MODEL = 'gemini-2.5-flash-lite';
const PIXEL = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const getBalance: FunctionDeclaration = {
  name: 'get_balance',
  parameters: { properties: { account: { type: Type.STRING }, month: { type: Type.INTEGER } }, required: ['account', 'month'], type: Type.OBJECT },
};
const getRate: FunctionDeclaration = {
  name: 'get_rate',
  parametersJsonSchema: { properties: { currency: { enum: ['USD', 'EUR'], type: 'string' } }, required: ['currency'], type: 'object' },
};

describe('emulator: Gemini function calls, images, schemas and generation config through @google/genai', () => {
  let emulator: Emulator;
  let client: GoogleGenAI;
  const ask = (contents: string, config: Record<string, unknown> = {}) =>
    client.models.generateContent({ config: { tools: [{ functionDeclarations: [getBalance, getRate] }], ...config }, contents, model: MODEL });

  beforeAll(async () => {
    emulator = await startEmulator({ chunkDelayMs: 0 });
    client = new GoogleGenAI({ apiKey: 'test-key', httpOptions: { baseUrl: emulator.url, fetch: globalThis.fetch } });
  });
  afterEach(() => emulator.reset());
  afterAll(() => emulator.close());

  it('answers a functionCall part with args from the schema and finishReason STOP when a tool is asked for', async () => {
    const result = await ask('Usa la herramienta de saldo');

    expect(result.functionCalls).toEqual([{ args: { account: 'Usa la herramienta de saldo', month: 1 }, name: 'get_balance' }]);
    expect(result.candidates?.[0].finishReason).toBe('STOP');
  });

  it('follows functionCallingConfig (ANY with an allowed name, NONE) and calls two functions when asked for two tools', async () => {
    const forced = await ask('Tipo de cambio', { toolConfig: { functionCallingConfig: { allowedFunctionNames: ['get_rate'], mode: FunctionCallingConfigMode.ANY } } });
    const none = await ask('Usa la herramienta', { toolConfig: { functionCallingConfig: { mode: FunctionCallingConfigMode.NONE } } });
    const two = await ask('Usa dos herramientas');

    expect(forced.functionCalls).toEqual([{ args: { currency: 'USD' }, name: 'get_rate' }]);
    expect(none.functionCalls).toBeUndefined();
    expect(none.text).toBe(`Respuesta simulada de ${MODEL}: Usa la herramienta`);
    expect(two.functionCalls?.map((call) => call.name)).toEqual(['get_balance', 'get_rate']);
  });

  it('streams a function call and finishes with STOP', async () => {
    const stream = await client.models.generateContentStream({ config: { tools: [{ functionDeclarations: [getRate] }] }, contents: 'use a tool', model: MODEL });
    const calls = [];
    let finish;
    for await (const chunk of stream) {
      calls.push(...(chunk.functionCalls ?? []));
      finish = chunk.candidates?.[0].finishReason ?? finish;
    }

    expect(calls).toEqual([{ args: { currency: 'USD' }, name: 'get_rate' }]);
    expect(finish).toBe('STOP');
  });

  it('quotes a functionResponse that answers the previous functionCall turn', async () => {
    const response = { saldo: 1520000, moneda: 'CLP' };
    const result = await client.models.generateContent({
      config: { tools: [{ functionDeclarations: [getBalance] }] },
      contents: [
        { parts: [{ text: 'Usa la herramienta de saldo' }], role: 'user' },
        { parts: [{ functionCall: { args: { account: '1', month: 3 }, name: 'get_balance' } }], role: 'model' },
        { parts: [{ functionResponse: { name: 'get_balance', response } }], role: 'user' },
      ],
      model: MODEL,
    });

    expect(result.text).toBe(`Resultado de la herramienta: ${JSON.stringify(response)}`);
  });

  it('signs the function call of a thinking model, and Gemini 3 wants the signature back in the current turn', async () => {
    const model = 'gemini-3-pro-preview';
    const tools = [{ functionDeclarations: [getRate] }];
    const first = await client.models.generateContent({ config: { tools }, contents: 'Usa la herramienta', model });
    const modelTurn = first.candidates?.[0].content;
    const signature = modelTurn?.parts?.[0].thoughtSignature;
    const answer = (parts: Part[]) =>
      client.models
        .generateContent({
          config: { tools },
          contents: [
            { parts: [{ text: 'Usa la herramienta' }], role: 'user' },
            { parts, role: 'model' },
            { parts: [{ functionResponse: { name: 'get_rate', response: { valor: 950 } } }], role: 'user' },
          ],
          model,
        })
        .then(
          (result) => result.text,
          (e: ApiError) => e.message,
        );
    const call = { functionCall: { args: { currency: 'USD' }, name: 'get_rate' } };

    expect(signature).toEqual(expect.any(String));
    expect(await answer(modelTurn?.parts ?? [])).toBe('Resultado de la herramienta: {"valor":950}');
    expect(await answer([call])).toContain('Function call is missing a thought_signature in functionCall parts');
    expect(await answer([{ ...call, thoughtSignature: 'skip_thought_signature_validator' }])).toBe('Resultado de la herramienta: {"valor":950}');
  });

  it('rejects a functionResponse that follows no functionCall turn', async () => {
    const error = await client.models.generateContent({ contents: [{ parts: [{ functionResponse: { name: 'get_balance', response: {} } }], role: 'user' }], model: MODEL }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(400);
    expect((error as ApiError).message).toContain('function response turn comes immediately after a function call turn');
  });

  it('counts inlineData and fileData images and reports their tokens under the IMAGE modality', async () => {
    const text = 'Lee estas boletas';
    const result = await client.models.generateContent({
      contents: [
        {
          parts: [{ inlineData: { data: PIXEL, mimeType: 'image/png' } }, { fileData: { fileUri: 'https://example.com/boleta.jpg', mimeType: 'image/jpeg' } }, { text }],
          role: 'user',
        },
      ],
      model: MODEL,
    });

    expect(result.text).toBe(`Respuesta simulada de ${MODEL}: Recibí 2 imágenes. ${text}`);
    expect(result.usageMetadata?.promptTokenCount).toBe(Math.ceil(text.length / 4) + 170);
    expect(result.usageMetadata?.promptTokensDetails).toEqual([
      { modality: 'TEXT', tokenCount: Math.ceil(text.length / 4) },
      { modality: 'IMAGE', tokenCount: 170 },
    ]);
  });

  it('counts audio and PDF parts as audio and documents', async () => {
    const result = await client.models.generateContent({
      contents: [
        {
          parts: [{ inlineData: { data: 'UklGRiQAAABXQVZF', mimeType: 'audio/wav' } }, { fileData: { fileUri: 'https://example.com/acta.pdf', mimeType: 'application/pdf' } }, { text: 'Resume' }],
          role: 'user',
        },
      ],
      model: MODEL,
    });

    expect(result.text).toBe(`Respuesta simulada de ${MODEL}: Recibí 1 audio y 1 documento. Resume`);
  });

  it('answers JSON conforming to responseSchema or responseJsonSchema, and requires the JSON MIME type', async () => {
    const openApi = { properties: { total: { type: Type.NUMBER }, items: { items: { type: Type.STRING }, type: Type.ARRAY } }, required: ['total', 'items'], type: Type.OBJECT };
    const jsonSchema = { properties: { ok: { type: 'boolean' }, code: { enum: ['A', 'B'] } }, required: ['ok', 'code'], type: 'object' };
    const fromOpenApi = await client.models.generateContent({ config: { responseMimeType: 'application/json', responseSchema: openApi }, contents: 'Resume', model: MODEL });
    const fromJsonSchema = await client.models.generateContent({ config: { responseJsonSchema: jsonSchema, responseMimeType: 'application/json' }, contents: 'Resume', model: MODEL });
    const withoutMime = await client.models.generateContent({ config: { responseSchema: openApi }, contents: 'Resume', model: MODEL }).catch((e: ApiError) => e.status);

    expect(JSON.parse(fromOpenApi.text ?? '')).toEqual({ items: ['Resume'], total: 1 });
    expect(conformsTo(JSON.parse(fromJsonSchema.text ?? ''), jsonSchema)).toBe(true);
    expect(withoutMime).toBe(400);
  });

  it('cuts at stopSequences and returns candidateCount candidates', async () => {
    const stopped = await client.models.generateContent({ config: { stopSequences: ['tres'] }, contents: 'uno dos tres', model: MODEL });
    const two = await client.models.generateContent({ config: { candidateCount: 2 }, contents: 'hola', model: MODEL });

    expect(stopped.text).toBe(`Respuesta simulada de ${MODEL}: uno dos `);
    expect(stopped.candidates?.[0].finishReason).toBe('STOP');
    expect(two.candidates?.map((candidate) => [candidate.index, candidate.content?.parts?.[0].text])).toEqual([
      [0, `Respuesta simulada de ${MODEL}: hola`],
      [1, `Respuesta simulada de ${MODEL}: hola (opción 2)`],
    ]);
  });

  it('rejects unknown top-level fields and out-of-range candidateCount like Gemini', async () => {
    const post = (body: unknown) => fetch(`${emulator.url}/v1beta/models/${MODEL}:generateContent`, { body: JSON.stringify(body), headers: { 'content-type': 'application/json' }, method: 'POST' });
    const unknown = await post({ contents: [{ parts: [{ text: 'hola' }], role: 'user' }], temperature: 0 });
    const tooMany = await post({ contents: [{ parts: [{ text: 'hola' }], role: 'user' }], generationConfig: { candidateCount: 9 } });

    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toEqual({ error: { code: 400, message: 'Invalid JSON payload received. Unknown name "temperature": Cannot find field.', status: 'INVALID_ARGUMENT' } });
    expect(tooMany.status).toBe(400);
  });
});
