import { GoogleGenAI } from '@google/genai';

import { type Emulator, startEmulator } from './emulator';

describe('emulator: Gemini generateContent through @google/genai', () => {
  let emulator: Emulator;
  let client: GoogleGenAI;

  beforeAll(async () => {
    emulator = await startEmulator();
    // Under Jest's sandboxed globals the SDK's default undici dispatcher is missing, so hand it the global fetch.
    client = new GoogleGenAI({ apiKey: 'test-key', httpOptions: { baseUrl: emulator.url, fetch: globalThis.fetch } });
  });
  afterEach(() => emulator.reset());
  afterAll(() => emulator.close());

  it('answers generateContent with usageMetadata including thoughts for a thinking model', async () => {
    const result = await client.models.generateContent({
      config: { systemInstruction: 'Eres un analista del SII.' },
      contents: 'Resume la circular número 12 de este año',
      model: 'gemini-2.5-flash',
    });

    expect(result.text).toBe('Respuesta simulada de gemini-2.5-flash: Resume la circular número 12 de este año');
    const candidates = Math.ceil(12 * 1.3);
    const prompt = Math.ceil(('Eres un analista del SII.'.length + 'Resume la circular número 12 de este año'.length) / 4);
    expect(result.usageMetadata).toMatchObject({ candidatesTokenCount: candidates, promptTokenCount: prompt, thoughtsTokenCount: candidates * 2 });
    expect(result.usageMetadata?.totalTokenCount).toBe(prompt + candidates * 3);
  });

  it('omits thoughts when the thinking budget is zero and truncates at maxOutputTokens', async () => {
    const result = await client.models.generateContent({
      config: { maxOutputTokens: 4, thinkingConfig: { thinkingBudget: 0 } },
      contents: 'una respuesta larga que no cabe',
      model: 'gemini-2.5-flash',
    });

    expect(result.usageMetadata?.thoughtsTokenCount).toBeUndefined();
    expect(result.candidates?.[0].finishReason).toBe('MAX_TOKENS');
    expect(result.usageMetadata?.candidatesTokenCount).toBe(4);
  });

  it('streams text chunks and a final chunk with the full usage', async () => {
    const stream = await client.models.generateContentStream({ contents: 'uno dos tres cuatro cinco seis', model: 'gemini-2.5-flash-lite' });
    const texts: string[] = [];
    let last;
    for await (const chunk of stream) {
      if (chunk.text) texts.push(chunk.text);
      last = chunk;
    }

    expect(texts.length).toBeGreaterThanOrEqual(4);
    expect(texts.join('')).toBe('Respuesta simulada de gemini-2.5-flash-lite: uno dos tres cuatro cinco seis');
    expect(last?.candidates?.[0].finishReason).toBe('STOP');
    expect(last?.usageMetadata).toMatchObject({ candidatesTokenCount: Math.ceil(10 * 1.3), promptTokenCount: Math.ceil(30 / 4) });
  });

  it('reports cachedContentTokenCount for a repeated long conversation prefix', async () => {
    const history = 'Contexto de la empresa y sus centros de costo. '.repeat(100);
    const ask = (question: string) =>
      client.models.generateContent({
        contents: [
          { parts: [{ text: history }], role: 'user' },
          { parts: [{ text: 'Entendido.' }], role: 'model' },
          { parts: [{ text: question }], role: 'user' },
        ],
        model: 'gemini-2.5-flash-lite',
      });

    const first = await ask('pregunta uno');
    const second = await ask('pregunta dos');

    expect(first.usageMetadata?.cachedContentTokenCount).toBeUndefined();
    expect(second.usageMetadata?.cachedContentTokenCount).toBe(Math.ceil((history.length + 'Entendido.'.length) / 4));
  });
});
