import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import type { GeminiResponse } from './gemini-rest.types';
import { GeminiStreamTranslator } from './gemini-stream.mapper';
import { thoughtSignatureOf } from './gemini-tool-call-id';

const identity = { id: 'chatcmpl-gs', model: 'gemini-2.5-flash', created: 1700000000 };

function run(translator: GeminiStreamTranslator, events: GeminiResponse[]): ChatCompletionChunk[] {
  return [...events.flatMap((event) => translator.push(event)), ...translator.finish()];
}

const deltas = (chunks: ChatCompletionChunk[]) => chunks.map((chunk) => chunk.choices[0].delta);

describe('GeminiStreamTranslator', () => {
  it('streams text as OpenAI does and keeps the last usage', () => {
    const translator = new GeminiStreamTranslator(identity);
    const chunks = run(translator, [
      { candidates: [{ content: { role: 'model', parts: [{ text: 'Hola' }] } }] },
      { candidates: [{ content: { role: 'model', parts: [{ text: ' mundo' }] }, finishReason: 'STOP' }], usageMetadata: { promptTokenCount: 10, candidatesTokenCount: 3 } },
    ]);
    expect(chunks[0]).toEqual({
      id: 'chatcmpl-gs',
      object: 'chat.completion.chunk',
      created: 1700000000,
      model: 'gemini-2.5-flash',
      choices: [{ index: 0, delta: { role: 'assistant', content: '' }, logprobs: null, finish_reason: null }],
    });
    expect(deltas(chunks)).toEqual([{ role: 'assistant', content: '' }, { content: 'Hola' }, { content: ' mundo' }, {}]);
    expect(chunks.map((chunk) => chunk.choices[0].finish_reason)).toEqual([null, null, null, 'stop']);
    expect(translator.complete).toBe(true);
    expect(translator.usage).toMatchObject({ prompt_tokens: 10, completion_tokens: 3, total_tokens: 13 });
  });

  it('announces each function call by index and then sends its arguments, finishing with tool_calls', () => {
    const translator = new GeminiStreamTranslator(identity);
    const chunks = run(translator, [
      { candidates: [{ content: { parts: [{ functionCall: { name: 'get_weather', args: { city: 'Santiago' } }, thoughtSignature: 'c2ln' }] } }] },
      { candidates: [{ content: { parts: [{ functionCall: { name: 'get_time', args: {} } }] }, finishReason: 'STOP' }] },
    ]);
    const all = deltas(chunks);
    expect(all[0]).toEqual({ role: 'assistant', content: '' });
    expect(all[1]).toEqual({ tool_calls: [{ index: 0, id: expect.stringMatching(/^call_/), type: 'function', function: { name: 'get_weather', arguments: '' } }] });
    expect(all[2]).toEqual({ tool_calls: [{ index: 0, function: { arguments: '{"city":"Santiago"}' } }] });
    expect(all[3]).toEqual({ tool_calls: [{ index: 1, id: expect.stringMatching(/^call_/), type: 'function', function: { name: 'get_time', arguments: '' } }] });
    expect(all[4]).toEqual({ tool_calls: [{ index: 1, function: { arguments: '{}' } }] });
    expect(thoughtSignatureOf(all[1].tool_calls?.[0].id ?? '')).toBe('c2ln');
    expect(chunks[chunks.length - 1].choices[0].finish_reason).toBe('tool_calls');
  });

  it('streams each candidate under its own choice index', () => {
    const chunks = run(new GeminiStreamTranslator(identity), [
      {
        candidates: [
          { index: 0, content: { parts: [{ text: 'A' }] } },
          { index: 1, content: { parts: [{ text: 'B' }] } },
        ],
      },
      {
        candidates: [
          { index: 0, finishReason: 'STOP' },
          { index: 1, finishReason: 'MAX_TOKENS' },
        ],
      },
    ]);
    const byChoice = (index: number) => chunks.filter((chunk) => chunk.choices[0].index === index).map((chunk) => [chunk.choices[0].delta, chunk.choices[0].finish_reason]);
    expect(byChoice(0)).toEqual([
      [{ role: 'assistant', content: '' }, null],
      [{ content: 'A' }, null],
      [{}, 'stop'],
    ]);
    expect(byChoice(1)).toEqual([
      [{ role: 'assistant', content: '' }, null],
      [{ content: 'B' }, null],
      [{}, 'length'],
    ]);
  });

  it('streams thoughts as reasoning_content and a safety stop as content_filter', () => {
    const chunks = run(new GeminiStreamTranslator(identity), [{ candidates: [{ content: { parts: [{ text: 'Pienso', thought: true }] } }] }, { candidates: [{ finishReason: 'SAFETY' }] }]);
    expect(deltas(chunks)).toEqual([{ role: 'assistant', content: '' }, { reasoning_content: 'Pienso' }, {}]);
    expect(chunks[chunks.length - 1].choices[0].finish_reason).toBe('content_filter');
  });

  it('ends a blocked prompt with a content_filter finish', () => {
    const translator = new GeminiStreamTranslator(identity);
    const chunks = run(translator, [{ promptFeedback: { blockReason: 'PROHIBITED_CONTENT' } }]);
    expect(chunks.map((chunk) => chunk.choices[0].finish_reason)).toEqual([null, 'content_filter']);
    expect(translator.finishReason).toBe('content_filter');
  });

  it('stays incomplete without a finish chunk when the vendor stream is cut', () => {
    const translator = new GeminiStreamTranslator(identity);
    const chunks = run(translator, [{ candidates: [{ content: { parts: [{ text: 'Ho' }] } }] }]);
    expect(chunks.every((chunk) => chunk.choices[0].finish_reason === null)).toBe(true);
    expect(translator.complete).toBe(false);
    expect(translator.finishReason).toBeUndefined();
  });
});
