import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import { chatToResponse } from './responses-response.mapper';
import { ChatToResponsesStream } from './responses-stream.mapper';

const ECHO = { requestId: '0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0', createdAt: 1_796_500_000, model: 'gpt-6-luna', request: { model: 'gpt-6-luna', input: 'x', max_output_tokens: 20 } };
const HEX = ECHO.requestId.replace(/-/g, '');

const chunk = (delta: ChatCompletionChunk.Choice.Delta, finish: ChatCompletionChunk.Choice['finish_reason'] = null): ChatCompletionChunk => ({
  id: 'c',
  object: 'chat.completion.chunk',
  created: 1,
  model: 'gpt-6-luna',
  choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
});
const usage = (prompt: number, completion: number): ChatCompletionChunk => ({
  id: 'c',
  object: 'chat.completion.chunk',
  created: 1,
  model: 'gpt-6-luna',
  choices: [],
  usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion },
});

describe('ChatToResponsesStream', () => {
  it('sends text as a message item with one output_text part, numbered, and ends with the whole response and its usage', () => {
    const stream = new ChatToResponsesStream(ECHO);
    const events = [...stream.push(chunk({ role: 'assistant', content: 'Hola' })), ...stream.push(chunk({ content: ' mundo' }, 'stop')), ...stream.push(usage(5, 2)), ...stream.finish()];
    expect(events.map((e) => e.type)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
    expect(events.map((e) => e.sequence_number)).toEqual(events.map((_, i) => i));
    expect(events[6]).toMatchObject({ item_id: `msg_${HEX}`, output_index: 0, content_index: 0, text: 'Hola mundo' });
    expect(events.at(-1)!.response).toMatchObject({
      id: `resp_${HEX}`,
      status: 'completed',
      max_output_tokens: 20,
      output: [{ type: 'message', status: 'completed', content: [{ type: 'output_text', text: 'Hola mundo' }] }],
      usage: { input_tokens: 5, output_tokens: 2, total_tokens: 7 },
    });
    expect(stream.finish()).toEqual([]);
  });

  it('closes the text before a function call, streams its arguments, and marks a length cut as incomplete', () => {
    const stream = new ChatToResponsesStream(ECHO);
    const events = [
      ...stream.push(chunk({ content: 'Consulto' })),
      ...stream.push(chunk({ tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'folio', arguments: '{"n"' } }] })),
      ...stream.push(chunk({ tool_calls: [{ index: 0, function: { arguments: ':7}' } }] }, 'length')),
      ...stream.finish(),
    ];
    expect(events.map((e) => e.type).slice(2)).toEqual([
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.output_item.added',
      'response.function_call_arguments.delta',
      'response.function_call_arguments.delta',
      'response.function_call_arguments.done',
      'response.output_item.done',
      'response.incomplete',
    ]);
    expect(events.find((e) => e.type === 'response.function_call_arguments.done')).toMatchObject({ output_index: 1, name: 'folio', arguments: '{"n":7}' });
    expect(events.at(-1)!.response).toMatchObject({
      status: 'incomplete',
      incomplete_details: { reason: 'max_output_tokens' },
      output: [{ type: 'message' }, { type: 'function_call', call_id: 'call_1', arguments: '{"n":7}', status: 'completed' }],
    });
  });

  it('says a stream broke off with an error event in sequence', () => {
    const stream = new ChatToResponsesStream(ECHO);
    stream.push(chunk({ content: 'a' }));
    expect(stream.failure('vendor went away')).toMatchObject({ type: 'error', code: 'stream_interrupted', message: 'vendor went away', sequence_number: 5 });
  });
});

describe('chatToResponse', () => {
  it('gives the message item, then each function call, and OpenAI-shaped usage', () => {
    const response = chatToResponse(
      {
        id: 'c',
        object: 'chat.completion',
        created: 1_796_500_000,
        model: 'gpt-6-luna',
        choices: [
          {
            index: 0,
            finish_reason: 'tool_calls',
            logprobs: null,
            message: { role: 'assistant', content: 'Veamos', refusal: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'folio', arguments: '{}' } }] },
          },
        ],
        usage: { prompt_tokens: 10, completion_tokens: 4, total_tokens: 14, prompt_tokens_details: { cached_tokens: 6 }, completion_tokens_details: { reasoning_tokens: 1 } },
      },
      ECHO,
    );
    expect(response).toMatchObject({
      object: 'response',
      status: 'completed',
      created_at: 1_796_500_000,
      store: false,
      output: [
        { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Veamos', annotations: [] }] },
        { type: 'function_call', id: `fc_${HEX}_0`, call_id: 'call_1', name: 'folio', arguments: '{}' },
      ],
      usage: { input_tokens: 10, input_tokens_details: { cached_tokens: 6 }, output_tokens: 4, output_tokens_details: { reasoning_tokens: 1 }, total_tokens: 14 },
    });
  });
});
