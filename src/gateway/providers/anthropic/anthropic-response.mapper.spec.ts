import type { ContentBlock, StopReason } from '@anthropic-ai/sdk/resources/messages';
import { anthropicMessage } from 'test/fixtures/wire/anthropic-message';
import { anthropicTokenUsage, fromAnthropicMessage } from './anthropic-response.mapper';

const text = (value: string): ContentBlock => ({ type: 'text', text: value, citations: null });
const toolUse = (id: string, name: string, input: unknown): ContentBlock => ({ type: 'tool_use', id, name, input, caller: { type: 'direct' } });

describe('fromAnthropicMessage', () => {
  it('joins text blocks into one assistant message with the caller-facing id, model and created', () => {
    const completion = fromAnthropicMessage(anthropicMessage([text('Hola, '), text('mundo')]), 'claude-sonnet', 'chatcmpl-1', 1700000000);
    expect(completion).toEqual({
      id: 'chatcmpl-1',
      object: 'chat.completion',
      created: 1700000000,
      model: 'claude-sonnet',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Hola, mundo', refusal: null }, logprobs: null, finish_reason: 'stop' }],
      usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15, prompt_tokens_details: { cached_tokens: 0 }, completion_tokens_details: { reasoning_tokens: 0 } },
    });
  });

  it('turns tool_use blocks into tool calls with JSON arguments and finish_reason tool_calls', () => {
    const completion = fromAnthropicMessage(anthropicMessage([toolUse('toolu_1', 'get_weather', { city: 'Santiago' }), toolUse('toolu_2', 'get_time', {})], 'tool_use'), 'm', 'id', 1);
    expect(completion.choices[0]).toMatchObject({
      finish_reason: 'tool_calls',
      message: {
        content: null,
        tool_calls: [
          { id: 'toolu_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Santiago"}' } },
          { id: 'toolu_2', type: 'function', function: { name: 'get_time', arguments: '{}' } },
        ],
      },
    });
  });

  it('keeps text said before a tool call as content', () => {
    const completion = fromAnthropicMessage(anthropicMessage([text('Consulto.'), toolUse('toolu_1', 'f', { a: 1 })], 'tool_use'), 'm', 'id', 1);
    expect(completion.choices[0].message.content).toBe('Consulto.');
    expect(completion.choices[0].message.tool_calls).toHaveLength(1);
  });

  it('returns the json_schema answer tool input as the JSON content with finish_reason stop', () => {
    const message = anthropicMessage([text('Aquí va:'), toolUse('toolu_9', 'invoice_total', { total: 119 })], 'tool_use');
    const completion = fromAnthropicMessage(message, 'm', 'id', 1, { answerTool: 'invoice_total' });
    expect(completion.choices[0]).toMatchObject({ finish_reason: 'stop', message: { content: '{"total":119}' } });
    expect(completion.choices[0].message.tool_calls).toBeUndefined();
  });

  it('exposes thinking as reasoning_content and drops redacted thinking', () => {
    const message = anthropicMessage([{ type: 'thinking', thinking: 'Sumo 100 + 19.', signature: 'sig' }, { type: 'redacted_thinking', data: 'xx' }, text('119')]);
    expect(fromAnthropicMessage(message, 'm', 'id', 1).choices[0].message).toEqual({ role: 'assistant', content: '119', refusal: null, reasoning_content: 'Sumo 100 + 19.' });
  });

  it.each([
    ['end_turn', 'stop'],
    ['stop_sequence', 'stop'],
    ['max_tokens', 'length'],
    ['model_context_window_exceeded', 'length'],
    ['tool_use', 'tool_calls'],
    ['refusal', 'content_filter'],
    ['pause_turn', 'stop'],
    [null, 'stop'],
  ] as Array<[StopReason | null, string]>)('maps stop_reason %s to finish_reason %s', (stopReason, finish) => {
    expect(fromAnthropicMessage(anthropicMessage([text('x')], stopReason), 'm', 'id', 1).choices[0].finish_reason).toBe(finish);
  });

  it('counts cache reads and writes inside prompt tokens, reports cached and reasoning tokens, and keeps the raw split', () => {
    const usage = { input_tokens: 20, output_tokens: 30, cache_read_input_tokens: 1000, cache_creation_input_tokens: 200, output_tokens_details: { thinking_tokens: 12 } };
    expect(fromAnthropicMessage(anthropicMessage([text('x')], 'end_turn', usage), 'm', 'id', 1).usage).toEqual({
      prompt_tokens: 1220,
      completion_tokens: 30,
      total_tokens: 1250,
      prompt_tokens_details: { cached_tokens: 1000, cache_write_tokens: 200 },
      completion_tokens_details: { reasoning_tokens: 12 },
    });
    expect(anthropicTokenUsage(usage)).toEqual({ input: 20, output: 30, cacheRead: 1000, cacheWrite: 200, reasoning: 12 });
  });
});
