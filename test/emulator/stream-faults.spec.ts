import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';

import { type Emulator, startEmulator } from './emulator';

const question = 'uno dos tres cuatro cinco seis siete ocho';

describe('emulator: streams cut midway, seen by the real SDKs', () => {
  let emulator: Emulator;

  beforeAll(async () => {
    emulator = await startEmulator({ chunkDelayMs: 2 });
  });
  afterEach(() => emulator.reset());
  afterAll(() => emulator.close());

  it('surfaces an OpenAI stream cut after two chunks as an error after those chunks', async () => {
    emulator.script({ count: 1, cutStreamAfterChunks: 2, vendor: 'openai' });
    const client = new OpenAI({ apiKey: 'test-key', baseURL: `${emulator.url}/v1`, maxRetries: 0 });
    const received: string[] = [];

    const consume = async () => {
      const stream = await client.chat.completions.create({ messages: [{ content: question, role: 'user' }], model: 'gpt-4o-mini', stream: true });
      for await (const chunk of stream) if (chunk.choices[0]?.delta?.content) received.push(chunk.choices[0].delta.content);
    };

    await expect(consume()).rejects.toThrow('terminated');
    expect(received).toEqual(['Respuesta simulada ', 'de gpt-4o-mini: ']);
    expect(emulator.stats()).toMatchObject({ answered: 0, requests: [{ outcome: 'cut' }] });
  });

  it('fails the Anthropic final message when the stream ends without message_stop', async () => {
    emulator.script({ count: 1, cutStreamAfterChunks: 1, vendor: 'anthropic' });
    const client = new Anthropic({ apiKey: 'test-key', baseURL: emulator.url, maxRetries: 0 });
    const stream = client.messages.stream({ max_tokens: 100, messages: [{ content: question, role: 'user' }], model: 'claude-haiku-4-5' });
    const texts: string[] = [];
    stream.on('text', (text) => texts.push(text));
    stream.on('error', () => undefined);

    await expect(stream.finalMessage()).rejects.toThrow('terminated');
    expect(texts).toEqual(['Respuesta simulada ']);
  });

  it('throws from the Gemini stream iterator when the connection drops', async () => {
    emulator.script({ count: 1, cutStreamAfterChunks: 3, vendor: 'gemini' });
    const client = new GoogleGenAI({ apiKey: 'test-key', httpOptions: { baseUrl: emulator.url, fetch: globalThis.fetch } });
    const texts: string[] = [];

    const consume = async () => {
      const stream = await client.models.generateContentStream({ contents: question, model: 'gemini-2.5-flash' });
      for await (const chunk of stream) if (chunk.text) texts.push(chunk.text);
    };

    await expect(consume()).rejects.toThrow('terminated');
    expect(texts).toHaveLength(3);
  });

  it('breaks the SDK stream parser with a malformed SSE event', async () => {
    emulator.script({ count: 1, malformedJson: true, vendor: 'openai' });
    const client = new OpenAI({ apiKey: 'test-key', baseURL: `${emulator.url}/v1`, logLevel: 'off', maxRetries: 0 });
    const consume = async () => {
      const stream = await client.chat.completions.create({ messages: [{ content: question, role: 'user' }], model: 'gpt-4o-mini', stream: true });
      for await (const _chunk of stream);
    };

    await expect(consume()).rejects.toMatchObject({ name: 'SyntaxError' });
  });
});
