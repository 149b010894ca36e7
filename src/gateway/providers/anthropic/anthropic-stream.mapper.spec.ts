import type { RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages';
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import { AnthropicStreamTranslator } from './anthropic-stream.mapper';
import { anthropicMessage } from 'test/fixtures/wire/anthropic-message';

const identity = { id: 'chatcmpl-s', model: 'claude-sonnet', created: 1700000000 };

function start(usage: Parameters<typeof anthropicMessage>[2] = { input_tokens: 25, output_tokens: 1 }): RawMessageStreamEvent {
  return { type: 'message_start', message: anthropicMessage([], null, usage) };
}

function end(stopReason: 'end_turn' | 'tool_use' | 'max_tokens' | 'refusal', outputTokens: number): RawMessageStreamEvent[] {
  return [
    {
      type: 'message_delta',
      delta: { stop_reason: stopReason, stop_sequence: null, stop_details: null, container: null },
      usage: { output_tokens: outputTokens, input_tokens: null, cache_read_input_tokens: null, cache_creation_input_tokens: null, output_tokens_details: null, server_tool_use: null },
    },
    { type: 'message_stop' },
  ];
}

function run(translator: AnthropicStreamTranslator, events: RawMessageStreamEvent[]): ChatCompletionChunk[] {
  return [...events.flatMap((event) => translator.push(event)), ...translator.finish()];
}

const deltas = (chunks: ChatCompletionChunk[]) => chunks.map((chunk) => chunk.choices[0].delta);

describe('AnthropicStreamTranslator', () => {
  it('streams text as OpenAI does: role first, content deltas, then the finish chunk', () => {
    const translator = new AnthropicStreamTranslator(identity);
    const chunks = run(translator, [
      start(),
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '', citations: null } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hola' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: ' mundo' } },
      { type: 'content_block_stop', index: 0 },
      ...end('end_turn', 7),
    ]);
    expect(chunks[0]).toEqual({
      id: 'chatcmpl-s',
      object: 'chat.completion.chunk',
      created: 1700000000,
      model: 'claude-sonnet',
      choices: [{ index: 0, delta: { role: 'assistant', content: '' }, logprobs: null, finish_reason: null }],
    });
    expect(deltas(chunks)).toEqual([{ role: 'assistant', content: '' }, { content: 'Hola' }, { content: ' mundo' }, {}]);
    expect(chunks.map((chunk) => chunk.choices[0].finish_reason)).toEqual([null, null, null, 'stop']);
    expect(translator.complete).toBe(true);
    expect(translator.usage).toMatchObject({ prompt_tokens: 25, completion_tokens: 7, total_tokens: 32 });
  });

  it('streams parallel tool calls by index: announcement with id and name, then argument fragments split over many events', () => {
    const translator = new AnthropicStreamTranslator(identity);
    const chunks = run(translator, [
      start(),
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '', citations: null } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Consulto.' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'content_block_start', index: 1, content_block: { type: 'tool_use', id: 'toolu_a', name: 'get_weather', input: {}, caller: { type: 'direct' } } },
      { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '' } },
      { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '{"ci' } },
      { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: 'ty":"San' } },
      { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: 'tiago"}' } },
      { type: 'content_block_stop', index: 1 },
      { type: 'content_block_start', index: 2, content_block: { type: 'tool_use', id: 'toolu_b', name: 'get_time', input: {}, caller: { type: 'direct' } } },
      { type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: '{}' } },
      { type: 'content_block_stop', index: 2 },
      ...end('tool_use', 40),
    ]);
    expect(deltas(chunks)).toEqual([
      { role: 'assistant', content: '' },
      { content: 'Consulto.' },
      { tool_calls: [{ index: 0, id: 'toolu_a', type: 'function', function: { name: 'get_weather', arguments: '' } }] },
      { tool_calls: [{ index: 0, function: { arguments: '{"ci' } }] },
      { tool_calls: [{ index: 0, function: { arguments: 'ty":"San' } }] },
      { tool_calls: [{ index: 0, function: { arguments: 'tiago"}' } }] },
      { tool_calls: [{ index: 1, id: 'toolu_b', type: 'function', function: { name: 'get_time', arguments: '' } }] },
      { tool_calls: [{ index: 1, function: { arguments: '{}' } }] },
      {},
    ]);
    expect(chunks[chunks.length - 1].choices[0].finish_reason).toBe('tool_calls');
    const args = deltas(chunks)
      .flatMap((delta) => delta.tool_calls ?? [])
      .filter((call) => call.index === 0)
      .map((call) => call.function?.arguments)
      .join('');
    expect(JSON.parse(args)).toEqual({ city: 'Santiago' });
  });

  it('streams the json_schema answer tool as content and finishes with stop', () => {
    const translator = new AnthropicStreamTranslator({ ...identity, answerTool: 'invoice_total' });
    const chunks = run(translator, [
      start(),
      { type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: 'toolu_x', name: 'invoice_total', input: {}, caller: { type: 'direct' } } },
      { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{"total":' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '119}' } },
      { type: 'content_block_stop', index: 0 },
      ...end('tool_use', 9),
    ]);
    expect(deltas(chunks)).toEqual([{ role: 'assistant', content: '' }, { content: '{"total":' }, { content: '119}' }, {}]);
    expect(chunks[chunks.length - 1].choices[0].finish_reason).toBe('stop');
  });

  it('streams thinking as reasoning_content and ignores signatures', () => {
    const translator = new AnthropicStreamTranslator(identity);
    const chunks = run(translator, [
      start(),
      { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'Pienso.' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'abc' } },
      { type: 'content_block_stop', index: 0 },
      ...end('end_turn', 3),
    ]);
    expect(deltas(chunks)).toEqual([{ role: 'assistant', content: '' }, { reasoning_content: 'Pienso.' }, {}]);
  });

  it.each([
    ['max_tokens', 'length'],
    ['refusal', 'content_filter'],
  ] as const)('finishes a %s stop with %s', (stopReason, finish) => {
    const chunks = run(new AnthropicStreamTranslator(identity), [start(), ...end(stopReason, 1)]);
    expect(chunks[chunks.length - 1].choices[0].finish_reason).toBe(finish);
  });

  it('keeps the cache split of message_start when message_delta leaves it null', () => {
    const translator = new AnthropicStreamTranslator(identity);
    run(translator, [start({ input_tokens: 5, output_tokens: 1, cache_read_input_tokens: 900, cache_creation_input_tokens: 100 }), ...end('end_turn', 12)]);
    expect(translator.tokenUsage).toEqual({ input: 5, output: 12, cacheRead: 900, cacheWrite: 100, reasoning: 0 });
    expect(translator.usage).toEqual({
      prompt_tokens: 1005,
      completion_tokens: 12,
      total_tokens: 1017,
      prompt_tokens_details: { cached_tokens: 900, cache_write_tokens: 100 },
      completion_tokens_details: { reasoning_tokens: 0 },
    });
  });

  it('sends no finish chunk and stays incomplete when the vendor stream is cut', () => {
    const translator = new AnthropicStreamTranslator(identity);
    const chunks = run(translator, [
      start(),
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '', citations: null } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Ho' } },
    ]);
    expect(chunks.every((chunk) => chunk.choices[0].finish_reason === null)).toBe(true);
    expect(translator.complete).toBe(false);
    expect(translator.finishReason).toBeUndefined();
  });

  it('flushes the finish chunk of a stream cut after message_delta, but does not call it complete', () => {
    const translator = new AnthropicStreamTranslator(identity);
    const [delta] = end('max_tokens', 4);
    const chunks = run(translator, [start(), delta]);
    expect(chunks[chunks.length - 1].choices[0].finish_reason).toBe('length');
    expect(translator.complete).toBe(false);
  });

  it('sends the finish chunk once even if finish() follows message_stop', () => {
    const translator = new AnthropicStreamTranslator(identity);
    const chunks = run(translator, [start(), ...end('end_turn', 1)]);
    expect(translator.finish()).toEqual([]);
    expect(chunks.filter((chunk) => chunk.choices[0].finish_reason !== null)).toHaveLength(1);
  });
});
