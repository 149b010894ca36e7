import type { MessageCreateParamsBase } from '@anthropic-ai/sdk/resources/messages';
import type { ChatCompletion } from 'openai/resources/chat/completions';
import { toAnthropicRequest } from '../../providers/anthropic/anthropic-request.mapper';
import { anthropicToCanonical, canonicalToAnthropicMessage, doorAskedForThinking, effortForBudget } from './anthropic-door.mapper';
import { thrownBy } from 'test/fixtures/wire/refusal';
import { DoorRequestError } from './door-request.error';

function door(extra: Record<string, unknown> = {}): MessageCreateParamsBase {
  return { model: 'claude-sonnet-4-5', max_tokens: 512, messages: [{ role: 'user', content: 'Hola' }], ...extra } as MessageCreateParamsBase;
}

const doorError = (run: () => unknown) => thrownBy(DoorRequestError, run);

describe('anthropicToCanonical', () => {
  it('maps model, max_tokens and a plain user message', () => {
    expect(anthropicToCanonical(door())).toEqual({ model: 'claude-sonnet-4-5', max_completion_tokens: 512, messages: [{ role: 'user', content: 'Hola' }] });
  });

  it('answers a missing or invalid max_tokens, model or messages with a 400-style error naming the field', () => {
    const { max_tokens: _omitted, ...withoutMax } = door();
    expect(doorError(() => anthropicToCanonical(withoutMax as MessageCreateParamsBase))).toMatchObject({ field: 'max_tokens', message: 'max_tokens: Field required' });
    expect(doorError(() => anthropicToCanonical(door({ max_tokens: 0 }))).field).toBe('max_tokens');
    expect(doorError(() => anthropicToCanonical(door({ model: '' }))).field).toBe('model');
    expect(doorError(() => anthropicToCanonical(door({ messages: [] }))).field).toBe('messages');
    expect(doorError(() => anthropicToCanonical(door({ messages: [{ role: 'robot', content: 'x' }] }))).field).toBe('messages.0.role');
  });

  it('puts the system prompt, string or blocks, first', () => {
    expect(anthropicToCanonical(door({ system: 'Eres contable.' })).messages[0]).toEqual({ role: 'system', content: 'Eres contable.' });
    const blocks = anthropicToCanonical(
      door({
        system: [
          { type: 'text', text: 'Uno' },
          { type: 'text', text: 'Dos', cache_control: { type: 'ephemeral' } },
        ],
      }),
    );
    expect(blocks.messages[0]).toEqual({ role: 'system', content: 'Uno\n\nDos' });
  });

  it('turns a tool round trip into assistant tool_calls and tool messages before the rest of the user turn', () => {
    const canonical = anthropicToCanonical(
      door({
        messages: [
          { role: 'user', content: 'Clima en Santiago' },
          {
            role: 'assistant',
            content: [
              { type: 'thinking', thinking: 'hmm', signature: 's' },
              { type: 'text', text: 'Consulto.' },
              { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Santiago' } },
            ],
          },
          {
            role: 'user',
            content: [
              { type: 'tool_result', tool_use_id: 'toolu_1', content: [{ type: 'text', text: '18°C' }] },
              { type: 'text', text: 'Gracias' },
            ],
          },
        ],
      }),
    );
    expect(canonical.messages).toEqual([
      { role: 'user', content: 'Clima en Santiago' },
      { role: 'assistant', content: 'Consulto.', tool_calls: [{ id: 'toolu_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Santiago"}' } }] },
      { role: 'tool', tool_call_id: 'toolu_1', content: '18°C' },
      { role: 'user', content: 'Gracias' },
    ]);
  });

  it('maps base64 and url images to image_url parts and a base64 PDF to a file part', () => {
    const canonical = anthropicToCanonical(
      door({
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: '¿Qué ves?' },
              { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBOR' } },
              { type: 'image', source: { type: 'url', url: 'https://example.com/a.jpg' } },
              { type: 'document', title: 'factura.pdf', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0=' } },
            ],
          },
        ],
      }),
    );
    expect(canonical.messages[0]).toEqual({
      role: 'user',
      content: [
        { type: 'text', text: '¿Qué ves?' },
        { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBOR' } },
        { type: 'image_url', image_url: { url: 'https://example.com/a.jpg' } },
        { type: 'file', file: { file_data: 'data:application/pdf;base64,JVBERi0=', filename: 'factura.pdf' } },
      ],
    });
  });

  it('maps tools, tool_choice, stop_sequences, sampling and metadata.user_id', () => {
    const canonical = anthropicToCanonical(
      door({
        tools: [{ name: 'get_weather', description: 'Weather', input_schema: { type: 'object', properties: { city: { type: 'string' } } } }],
        tool_choice: { type: 'any', disable_parallel_tool_use: true },
        stop_sequences: ['FIN'],
        temperature: 0.2,
        top_p: 0.9,
        metadata: { user_id: 'u-7' },
      }),
    );
    expect(canonical).toMatchObject({
      tools: [{ type: 'function', function: { name: 'get_weather', description: 'Weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }],
      tool_choice: 'required',
      parallel_tool_calls: false,
      stop: ['FIN'],
      temperature: 0.2,
      top_p: 0.9,
      user: 'u-7',
    });
    const tool = (choice: unknown) => anthropicToCanonical(door({ tools: [{ name: 'f', input_schema: { type: 'object' } }], tool_choice: choice })).tool_choice;
    expect(tool({ type: 'auto' })).toBe('auto');
    expect(tool({ type: 'none' })).toBe('none');
    expect(tool({ type: 'tool', name: 'f' })).toEqual({ type: 'function', function: { name: 'f' } });
    expect(doorError(() => tool({ type: 'sometimes' })).field).toBe('tool_choice');
  });

  it('turns thinking into reasoning_effort and output_config into effort and a strict json_schema', () => {
    expect(anthropicToCanonical(door({ thinking: { type: 'enabled', budget_tokens: 2000 } })).reasoning_effort).toBe('low');
    expect(anthropicToCanonical(door({ thinking: { type: 'adaptive' } })).reasoning_effort).toBe('medium');
    expect(anthropicToCanonical(door({ thinking: { type: 'disabled' } })).reasoning_effort).toBeUndefined();
    expect([1024, 4096, 16384].map(effortForBudget)).toEqual(['low', 'medium', 'high']);
    const schema = { type: 'object', properties: { total: { type: 'number' } } };
    expect(anthropicToCanonical(door({ output_config: { effort: 'high', format: { type: 'json_schema', schema } } }))).toMatchObject({
      reasoning_effort: 'high',
      response_format: { type: 'json_schema', json_schema: { name: 'response', schema, strict: true } },
    });
  });

  it('streams with usage included so the door can report it', () => {
    expect(anthropicToCanonical(door({ stream: true }))).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it('refuses server tools, top_k and unknown fields unless dropping, and ignores caching hints', () => {
    const serverTool = door({
      tools: [
        { type: 'web_search_20250305', name: 'web_search' },
        { name: 'f', input_schema: { type: 'object' } },
      ],
    });
    expect(doorError(() => anthropicToCanonical(serverTool)).message).toBe('tools.0: the server tool web_search_20250305 runs only on Anthropic; remove it or set drop_params');
    expect(anthropicToCanonical(serverTool, { dropUnsupported: true }).tools).toHaveLength(1);
    expect(doorError(() => anthropicToCanonical(door({ top_k: 5 }))).field).toBe('top_k');
    expect(anthropicToCanonical(door({ top_k: 5 }), { dropUnsupported: true })).not.toHaveProperty('top_k');
    expect(doorError(() => anthropicToCanonical(door({ mystery: 1 }))).field).toBe('mystery');
    expect(anthropicToCanonical(door({ cache_control: { type: 'ephemeral' }, service_tier: 'auto' }))).toEqual(anthropicToCanonical(door()));
  });

  it('survives the trip back to Anthropic: door → canonical → provider request keeps tools, history and images', () => {
    const original = door({
      system: 'Eres contable.',
      tools: [{ name: 'get_weather', input_schema: { type: 'object', properties: {} } }],
      tool_choice: { type: 'tool', name: 'get_weather' },
      stop_sequences: ['FIN'],
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Mira' },
            { type: 'image', source: { type: 'url', url: 'https://example.com/a.png' } },
          ],
        },
        { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Lima' } }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: '21°C' }] },
      ],
    });
    const back = toAnthropicRequest(anthropicToCanonical(original), 'claude-sonnet-4-5', { promptCaching: false, dropUnsupported: false });
    expect(back).toEqual({
      model: 'claude-sonnet-4-5',
      max_tokens: 512,
      system: [{ type: 'text', text: 'Eres contable.' }],
      stop_sequences: ['FIN'],
      tools: [{ name: 'get_weather', input_schema: { type: 'object', properties: {} } }],
      tool_choice: { type: 'tool', name: 'get_weather' },
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Mira' },
            { type: 'image', source: { type: 'url', url: 'https://example.com/a.png' } },
          ],
        },
        { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Lima' } }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: '21°C' }] },
      ],
    });
  });
});

describe('canonicalToAnthropicMessage', () => {
  const completion = (message: Partial<ChatCompletion.Choice['message']>, finish: ChatCompletion.Choice['finish_reason'], usage?: ChatCompletion['usage']): ChatCompletion => ({
    id: 'chatcmpl-9',
    object: 'chat.completion',
    created: 1,
    model: 'gpt-4o-mini',
    choices: [{ index: 0, logprobs: null, finish_reason: finish, message: { role: 'assistant', content: null, refusal: null, ...message } }],
    usage,
  });

  it('answers text with end_turn and usage split into fresh input and cache reads, named after the requested model', () => {
    const message = canonicalToAnthropicMessage(
      completion({ content: 'Hola' }, 'stop', { prompt_tokens: 1200, completion_tokens: 30, total_tokens: 1230, prompt_tokens_details: { cached_tokens: 1000, cache_write_tokens: 150 } }),
      'claude-via-gateway',
    );
    expect(message).toMatchObject({
      id: 'chatcmpl-9',
      type: 'message',
      role: 'assistant',
      model: 'claude-via-gateway',
      content: [{ type: 'text', text: 'Hola' }],
      stop_reason: 'end_turn',
      stop_sequence: null,
    });
    expect(message.usage).toMatchObject({ input_tokens: 50, output_tokens: 30, cache_read_input_tokens: 1000, cache_creation_input_tokens: 150 });
  });

  it('turns tool calls into tool_use blocks with parsed input and stop_reason tool_use', () => {
    const message = canonicalToAnthropicMessage(
      completion({ content: 'Consulto.', tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Lima"}' } }] }, 'tool_calls'),
      'm',
    );
    expect(message.content).toEqual([
      { type: 'text', text: 'Consulto.', citations: null },
      { type: 'tool_use', id: 'call_1', name: 'get_weather', input: { city: 'Lima' }, caller: { type: 'direct' } },
    ]);
    expect(message.stop_reason).toBe('tool_use');
  });

  it.each([
    ['length', 'max_tokens'],
    ['content_filter', 'refusal'],
    ['stop', 'end_turn'],
  ] as const)('maps finish_reason %s to stop_reason %s', (finish, stop) => {
    expect(canonicalToAnthropicMessage(completion({ content: 'x' }, finish), 'm').stop_reason).toBe(stop);
  });

  it('returns the vendor reasoning as a thinking block only when the caller asked for thinking', () => {
    const reasoned = completion({ content: '119', reasoning_content: 'Sumo 100 + 19.' } as Partial<ChatCompletion.Choice['message']>, 'stop');
    expect(canonicalToAnthropicMessage(reasoned, 'm', { thinking: true }).content).toEqual([
      { type: 'thinking', thinking: 'Sumo 100 + 19.', signature: '' },
      { type: 'text', text: '119', citations: null },
    ]);
    expect(canonicalToAnthropicMessage(reasoned, 'm').content).toEqual([{ type: 'text', text: '119', citations: null }]);
    expect(doorAskedForThinking(door({ thinking: { type: 'enabled', budget_tokens: 2048 } }))).toBe(true);
    expect(doorAskedForThinking(door({ thinking: { type: 'disabled' } }))).toBe(false);
    expect(doorAskedForThinking(door())).toBe(false);
  });

  it('carries a refusal as text', () => {
    expect(canonicalToAnthropicMessage(completion({ refusal: 'No puedo ayudar con eso.' }, 'stop'), 'm').content).toEqual([{ type: 'text', text: 'No puedo ayudar con eso.', citations: null }]);
  });
});
