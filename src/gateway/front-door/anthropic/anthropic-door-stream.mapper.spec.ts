import type { RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages';
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import { anthropicMessage } from 'test/fixtures/wire/anthropic-message';
import { chunkOf, ChunkDelta } from '../../providers/canonical-wire';
import { AnthropicStreamTranslator } from '../../providers/anthropic/anthropic-stream.mapper';
import { AnthropicSseEvent, CanonicalToAnthropicStream } from './anthropic-door-stream.mapper';

const identity = { id: 'chatcmpl-d', model: 'gpt-4o-mini', created: 1 };
const chunk = (delta: ChunkDelta, finish: ChatCompletionChunk.Choice['finish_reason'] = null) => chunkOf(identity, delta, finish);
const usageChunk = (usage: ChatCompletionChunk['usage']): ChatCompletionChunk => ({ id: identity.id, object: 'chat.completion.chunk', created: 1, model: identity.model, choices: [], usage });

function run(stream: CanonicalToAnthropicStream, chunks: ChatCompletionChunk[]): AnthropicSseEvent[] {
  return [...chunks.flatMap((each) => stream.push(each)), ...stream.finish()];
}

/** The events without the message envelope's incidental fields, for comparing shapes. */
function outline(events: AnthropicSseEvent[]): unknown[] {
  return events.map(({ event, data }) => {
    if (data.type === 'content_block_start') return [event, data.index, data.content_block.type, 'name' in data.content_block ? data.content_block.name : undefined];
    if (data.type === 'content_block_delta')
      return [event, data.index, data.delta.type === 'text_delta' ? data.delta.text : data.delta.type === 'input_json_delta' ? data.delta.partial_json : data.delta.type];
    if (data.type === 'content_block_stop') return [event, data.index];
    if (data.type === 'message_delta') return [event, data.delta.stop_reason];
    return [event];
  });
}

describe('CanonicalToAnthropicStream', () => {
  it('streams text as Anthropic does, ending with the stop reason and the usage that came after the finish chunk', () => {
    const stream = new CanonicalToAnthropicStream({ id: 'msg_1', model: 'claude-via-gateway' });
    const events = run(stream, [
      chunk({ role: 'assistant', content: '' }),
      chunk({ content: 'Hola' }),
      chunk({ content: ' mundo' }),
      chunk({}, 'stop'),
      usageChunk({ prompt_tokens: 120, completion_tokens: 4, total_tokens: 124, prompt_tokens_details: { cached_tokens: 100 } }),
    ]);
    expect(outline(events)).toEqual([
      ['message_start'],
      ['content_block_start', 0, 'text', undefined],
      ['content_block_delta', 0, 'Hola'],
      ['content_block_delta', 0, ' mundo'],
      ['content_block_stop', 0],
      ['message_delta', 'end_turn'],
      ['message_stop'],
    ]);
    expect(events[0].data).toMatchObject({ type: 'message_start', message: { id: 'msg_1', model: 'claude-via-gateway', role: 'assistant', content: [], stop_reason: null } });
    expect(events[5].data).toMatchObject({ usage: { input_tokens: 20, output_tokens: 4, cache_read_input_tokens: 100 } });
  });

  it('streams each tool call as a tool_use block with input_json_delta fragments, however the arguments are split', () => {
    const events = run(new CanonicalToAnthropicStream({ id: 'msg_2', model: 'm' }), [
      chunk({ role: 'assistant', content: '' }),
      chunk({ content: 'Consulto.' }),
      chunk({ tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'get_weather', arguments: '' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '{"ci' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: 'ty":"Lima"}' } }] }),
      chunk({ tool_calls: [{ index: 1, id: 'call_b', type: 'function', function: { name: 'get_time', arguments: '{}' } }] }),
      chunk({}, 'tool_calls'),
    ]);
    expect(outline(events)).toEqual([
      ['message_start'],
      ['content_block_start', 0, 'text', undefined],
      ['content_block_delta', 0, 'Consulto.'],
      ['content_block_stop', 0],
      ['content_block_start', 1, 'tool_use', 'get_weather'],
      ['content_block_delta', 1, '{"ci'],
      ['content_block_delta', 1, 'ty":"Lima"}'],
      ['content_block_stop', 1],
      ['content_block_start', 2, 'tool_use', 'get_time'],
      ['content_block_delta', 2, '{}'],
      ['content_block_stop', 2],
      ['message_delta', 'tool_use'],
      ['message_stop'],
    ]);
    expect(events[4].data).toMatchObject({ content_block: { type: 'tool_use', id: 'call_a', name: 'get_weather', input: {} } });
  });

  it('streams the vendor reasoning as a thinking block before the text when the caller asked for thinking, and drops it otherwise', () => {
    const chunks = [chunk({ role: 'assistant', content: '' }), chunk({ reasoning_content: 'Pienso' }), chunk({ reasoning_content: ' más.' }), chunk({ content: 'Listo' }), chunk({}, 'stop')];
    expect(outline(run(new CanonicalToAnthropicStream({ id: 'm', model: 'm', thinking: true }), chunks))).toEqual([
      ['message_start'],
      ['content_block_start', 0, 'thinking', undefined],
      ['content_block_delta', 0, 'thinking_delta'],
      ['content_block_delta', 0, 'thinking_delta'],
      ['content_block_stop', 0],
      ['content_block_start', 1, 'text', undefined],
      ['content_block_delta', 1, 'Listo'],
      ['content_block_stop', 1],
      ['message_delta', 'end_turn'],
      ['message_stop'],
    ]);
    expect(outline(run(new CanonicalToAnthropicStream({ id: 'm', model: 'm' }), chunks)).map((entry) => (entry as unknown[])[2])).not.toContain('thinking');
  });

  it.each([
    ['length', 'max_tokens'],
    ['content_filter', 'refusal'],
  ] as const)('ends a %s finish with stop_reason %s', (finish, stop) => {
    const events = run(new CanonicalToAnthropicStream({ id: 'm', model: 'm' }), [chunk({ content: 'x' }), chunk({}, finish)]);
    expect(outline(events).slice(-2)).toEqual([['message_delta', stop], ['message_stop']]);
  });

  it('ends a stream that produced nothing with a well-formed empty message, once', () => {
    const stream = new CanonicalToAnthropicStream({ id: 'm', model: 'm' });
    expect(outline(stream.finish())).toEqual([['message_start'], ['message_delta', 'end_turn'], ['message_stop']]);
    expect(stream.finish()).toEqual([]);
  });

  it('gives back the same blocks after a trip Anthropic → canonical → Anthropic', () => {
    const vendorEvents: RawMessageStreamEvent[] = [
      { type: 'message_start', message: anthropicMessage([], null, { input_tokens: 30, output_tokens: 1 }) },
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '', citations: null } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Veamos.' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'content_block_start', index: 1, content_block: { type: 'tool_use', id: 'toolu_z', name: 'lookup', input: {}, caller: { type: 'direct' } } },
      { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '{"rut":' } },
      { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '"76.123.456-7"}' } },
      { type: 'content_block_stop', index: 1 },
      {
        type: 'message_delta',
        delta: { stop_reason: 'tool_use', stop_sequence: null, stop_details: null, container: null },
        usage: { output_tokens: 22, input_tokens: null, cache_read_input_tokens: null, cache_creation_input_tokens: null, output_tokens_details: null, server_tool_use: null },
      },
      { type: 'message_stop' },
    ];
    const translator = new AnthropicStreamTranslator(identity);
    const chunks = [...vendorEvents.flatMap((event) => translator.push(event)), ...translator.finish(), usageChunk(translator.usage)];
    const events = run(new CanonicalToAnthropicStream({ id: 'msg_rt', model: 'm' }), chunks);
    const expected = vendorEvents.map((data) => ({ event: data.type, data }) as AnthropicSseEvent);
    expect(outline(events)).toEqual(outline(expected));
    expect(events[events.length - 2].data).toMatchObject({ usage: { input_tokens: 30, output_tokens: 22 } });
  });
});
