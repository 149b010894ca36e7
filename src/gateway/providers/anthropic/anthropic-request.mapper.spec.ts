import type { Tool } from '@anthropic-ai/sdk/resources/messages';
import type { ChatCompletionCreateParams, ChatCompletionCreateParamsBase } from 'openai/resources/chat/completions';
import { refusal } from 'test/fixtures/wire/refusal';
import { ANTHROPIC_DEFAULT_MAX_TOKENS, ANTHROPIC_FIELD_SUPPORT, anthropicAnswerToolName, toAnthropicRequest } from './anthropic-request.mapper';

const strictly = { promptCaching: false, dropUnsupported: false };
const dropping = { promptCaching: false, dropUnsupported: true };
const weatherTool = {
  type: 'function' as const,
  function: { name: 'get_weather', description: 'Weather now', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
};

const toolNames = (tools: unknown) => (tools as Tool[] | undefined)?.map((tool) => tool.name);

function body(extra: Partial<ChatCompletionCreateParamsBase> = {}): ChatCompletionCreateParams {
  return { model: 'claude-x', messages: [{ role: 'user', content: 'Hola' }], ...extra } as ChatCompletionCreateParams;
}

describe('toAnthropicRequest', () => {
  it('sends the vendor model, the messages and a default max_tokens', () => {
    const request = toAnthropicRequest(body(), 'claude-sonnet-4-5', strictly);
    expect(request).toEqual({ model: 'claude-sonnet-4-5', max_tokens: ANTHROPIC_DEFAULT_MAX_TOKENS, messages: [{ role: 'user', content: [{ type: 'text', text: 'Hola' }] }] });
  });

  it('prefers max_completion_tokens over max_tokens', () => {
    expect(toAnthropicRequest(body({ max_tokens: 50, max_completion_tokens: 70 }), 'm', strictly).max_tokens).toBe(70);
    expect(toAnthropicRequest(body({ max_tokens: 50 }), 'm', strictly).max_tokens).toBe(50);
  });

  it('hoists system and developer messages into system blocks, caching the last one when prompt caching is on', () => {
    const request = toAnthropicRequest(
      body({
        messages: [
          { role: 'system', content: 'Eres contable.' },
          { role: 'developer', content: [{ type: 'text', text: 'Responde breve.' }] },
          { role: 'user', content: 'IVA?' },
        ],
      }),
      'm',
      { promptCaching: true, dropUnsupported: false },
    );
    expect(request.system).toEqual([
      { type: 'text', text: 'Eres contable.' },
      { type: 'text', text: 'Responde breve.', cache_control: { type: 'ephemeral' } },
    ]);
    expect(request.messages).toEqual([{ role: 'user', content: [{ type: 'text', text: 'IVA?' }] }]);
    expect(
      toAnthropicRequest(
        body({
          messages: [
            { role: 'system', content: 'S' },
            { role: 'user', content: 'U' },
          ],
        }),
        'm',
        strictly,
      ).system,
    ).toEqual([{ type: 'text', text: 'S' }]);
  });

  it('merges consecutive turns of one role and skips empty text', () => {
    const request = toAnthropicRequest(
      body({
        messages: [
          { role: 'user', content: 'uno' },
          { role: 'user', content: [{ type: 'text', text: 'dos' }] },
          { role: 'assistant', content: '' },
          { role: 'assistant', content: 'tres' },
        ],
      }),
      'm',
      strictly,
    );
    expect(request.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'uno' },
          { type: 'text', text: 'dos' },
        ],
      },
      { role: 'assistant', content: [{ type: 'text', text: 'tres' }] },
    ]);
  });

  it('turns a tool-call round trip into tool_use and one user turn of tool_result blocks', () => {
    const request = toAnthropicRequest(
      body({
        messages: [
          { role: 'user', content: 'Clima en Santiago y Lima' },
          {
            role: 'assistant',
            content: 'Consulto.',
            tool_calls: [
              { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Santiago"}' } },
              { id: 'call_2', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Lima"}' } },
            ],
          },
          { role: 'tool', tool_call_id: 'call_1', content: '18°C' },
          { role: 'tool', tool_call_id: 'call_2', content: [{ type: 'text', text: '21°C' }] },
          { role: 'user', content: '¿Y mañana?' },
        ],
      }),
      'm',
      strictly,
    );
    expect(request.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Clima en Santiago y Lima' }] },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Consulto.' },
          { type: 'tool_use', id: 'call_1', name: 'get_weather', input: { city: 'Santiago' } },
          { type: 'tool_use', id: 'call_2', name: 'get_weather', input: { city: 'Lima' } },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'call_1', content: '18°C' },
          { type: 'tool_result', tool_use_id: 'call_2', content: '21°C' },
          { type: 'text', text: '¿Y mañana?' },
        ],
      },
    ]);
  });

  it('refuses tool-call arguments that are not a JSON object, even when dropping', () => {
    const broken = body({ messages: [{ role: 'assistant', tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{oops' } }] }] });
    expect(refusal(() => toAnthropicRequest(broken, 'm', dropping)).field).toBe('messages[0].tool_calls[0].function.arguments');
  });

  it('maps base64 images to base64 sources and http(s) images to url sources', () => {
    const request = toAnthropicRequest(
      body({
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: '¿Qué ves?' },
              { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
              { type: 'image_url', image_url: { url: 'https://example.com/boleta.jpg', detail: 'high' } },
            ],
          },
        ],
      }),
      'm',
      strictly,
    );
    expect(request.messages[0].content).toEqual([
      { type: 'text', text: '¿Qué ves?' },
      { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
      { type: 'image', source: { type: 'url', url: 'https://example.com/boleta.jpg' } },
    ]);
  });

  it('sends a base64 PDF file part as a document and refuses audio and other image types', () => {
    const pdf = toAnthropicRequest(
      body({ messages: [{ role: 'user', content: [{ type: 'file', file: { filename: 'factura.pdf', file_data: 'data:application/pdf;base64,JVBERi0=' } }] }] }),
      'm',
      strictly,
    );
    expect(pdf.messages[0].content).toEqual([{ type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0=' }, title: 'factura.pdf' }]);
    const audio = body({ messages: [{ role: 'user', content: [{ type: 'input_audio', input_audio: { data: 'AAA', format: 'wav' } }] }] });
    expect(refusal(() => toAnthropicRequest(audio, 'm', strictly)).message).toBe(
      'anthropic cannot honour "messages[0].content[0].input_audio" (Anthropic has no audio input); remove it or set drop_params',
    );
    expect(toAnthropicRequest(audio, 'm', dropping).messages).toEqual([]);
    const tiff = body({ messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:image/tiff;base64,AAA' } }] }] });
    expect(refusal(() => toAnthropicRequest(tiff, 'm', strictly)).field).toBe('messages[0].content[0].image_url');
  });

  it('maps function tools and every tool_choice, with parallel_tool_calls false as disable_parallel_tool_use', () => {
    const tools = [weatherTool];
    const request = toAnthropicRequest(body({ tools }), 'm', strictly);
    expect(request.tools).toEqual([{ name: 'get_weather', description: 'Weather now', input_schema: weatherTool.function.parameters }]);
    expect(request.tool_choice).toBeUndefined();
    expect(toAnthropicRequest(body({ tools, tool_choice: 'auto' }), 'm', strictly).tool_choice).toBeUndefined();
    expect(toAnthropicRequest(body({ tools, tool_choice: 'none' }), 'm', strictly).tool_choice).toEqual({ type: 'none' });
    expect(toAnthropicRequest(body({ tools, tool_choice: 'required' }), 'm', strictly).tool_choice).toEqual({ type: 'any' });
    expect(toAnthropicRequest(body({ tools, tool_choice: { type: 'function', function: { name: 'get_weather' } } }), 'm', strictly).tool_choice).toEqual({ type: 'tool', name: 'get_weather' });
    expect(toAnthropicRequest(body({ tools, parallel_tool_calls: false }), 'm', strictly).tool_choice).toEqual({ type: 'auto', disable_parallel_tool_use: true });
    expect(toAnthropicRequest(body({ tools, tool_choice: 'required', parallel_tool_calls: false }), 'm', strictly).tool_choice).toEqual({ type: 'any', disable_parallel_tool_use: true });
  });

  it('keeps only the allowed tools of an allowed_tools choice', () => {
    const other = { type: 'function' as const, function: { name: 'get_time', parameters: { type: 'object', properties: {} } } };
    const request = toAnthropicRequest(
      body({ tools: [weatherTool, other], tool_choice: { type: 'allowed_tools', allowed_tools: { mode: 'required', tools: [{ type: 'function', function: { name: 'get_time' } }] } } }),
      'm',
      strictly,
    );
    expect(toolNames(request.tools)).toEqual(['get_time']);
    expect(request.tool_choice).toEqual({ type: 'any' });
  });

  it('refuses custom tools unless dropping', () => {
    const custom = body({ tools: [{ type: 'custom', custom: { name: 'grammar' } }, weatherTool] });
    expect(refusal(() => toAnthropicRequest(custom, 'm', strictly)).field).toBe('tools[0]');
    expect(toolNames(toAnthropicRequest(custom, 'm', dropping).tools)).toEqual(['get_weather']);
  });

  it('passes temperature, top_p, stop, user; refuses a temperature above 1', () => {
    const request = toAnthropicRequest(body({ temperature: 0.3, top_p: 0.9, stop: 'FIN', user: 'u-42' }), 'm', strictly);
    expect(request).toMatchObject({ temperature: 0.3, top_p: 0.9, stop_sequences: ['FIN'], metadata: { user_id: 'u-42' } });
    expect(toAnthropicRequest(body({ stop: ['A', 'B'], safety_identifier: 'hash-1' }), 'm', strictly)).toMatchObject({ stop_sequences: ['A', 'B'], metadata: { user_id: 'hash-1' } });
    expect(refusal(() => toAnthropicRequest(body({ temperature: 1.5 }), 'm', strictly)).field).toBe('temperature');
    expect(toAnthropicRequest(body({ temperature: 1.5 }), 'm', dropping).temperature).toBeUndefined();
  });

  it('refuses whitespace-only stop sequences unless dropping', () => {
    expect(refusal(() => toAnthropicRequest(body({ stop: ['\n', 'END'] }), 'm', strictly)).field).toBe('stop');
    expect(toAnthropicRequest(body({ stop: ['\n', 'END'] }), 'm', dropping).stop_sequences).toEqual(['END']);
  });

  it("turns reasoning_effort into a thinking budget on top of the default max_tokens, or inside the caller's cap", () => {
    expect(toAnthropicRequest(body({ reasoning_effort: 'low' }), 'm', strictly)).toMatchObject({ thinking: { type: 'enabled', budget_tokens: 1024 }, max_tokens: ANTHROPIC_DEFAULT_MAX_TOKENS + 1024 });
    expect(toAnthropicRequest(body({ reasoning_effort: 'high', max_completion_tokens: 8000 }), 'm', strictly)).toMatchObject({ thinking: { type: 'enabled', budget_tokens: 7999 }, max_tokens: 8000 });
    expect(toAnthropicRequest(body({ reasoning_effort: 'none' }), 'm', strictly).thinking).toEqual({ type: 'disabled' });
    expect(refusal(() => toAnthropicRequest(body({ reasoning_effort: 'medium', max_tokens: 500 }), 'm', strictly)).field).toBe('reasoning_effort');
    expect(toAnthropicRequest(body({ reasoning_effort: 'medium', max_tokens: 500 }), 'm', dropping).thinking).toBeUndefined();
  });

  it('refuses sampling and forced tools that Anthropic cannot combine with thinking', () => {
    expect(refusal(() => toAnthropicRequest(body({ reasoning_effort: 'low', temperature: 0.2 }), 'm', strictly)).field).toBe('temperature');
    const forced = body({ reasoning_effort: 'low', tools: [weatherTool], tool_choice: 'required' });
    expect(refusal(() => toAnthropicRequest(forced, 'm', strictly)).field).toBe('tool_choice');
    const dropped = toAnthropicRequest(forced, 'm', dropping);
    expect(dropped.thinking).toBeUndefined();
    expect(dropped).toMatchObject({ tool_choice: { type: 'any' }, max_tokens: ANTHROPIC_DEFAULT_MAX_TOKENS });
  });

  it('forces a tool named after a json_schema whose input is the answer', () => {
    const schema = { type: 'object', properties: { total: { type: 'number' } }, required: ['total'], additionalProperties: false };
    const structured = body({ response_format: { type: 'json_schema', json_schema: { name: 'invoice_total', schema, strict: true } } });
    const request = toAnthropicRequest(structured, 'm', strictly);
    expect(anthropicAnswerToolName(structured)).toBe('invoice_total');
    expect(request.tools).toEqual([{ name: 'invoice_total', description: expect.any(String), input_schema: schema, strict: true }]);
    expect(request.tool_choice).toEqual({ type: 'tool', name: 'invoice_total' });
    const withTools = toAnthropicRequest({ ...structured, tools: [weatherTool] }, 'm', strictly);
    expect(toolNames(withTools.tools)).toEqual(['get_weather', 'invoice_total']);
    expect(withTools.tool_choice).toEqual({ type: 'any' });
    const arraySchema = body({ response_format: { type: 'json_schema', json_schema: { name: 'list', schema: { type: 'array' } } } });
    expect(refusal(() => toAnthropicRequest(arraySchema, 'm', strictly)).field).toBe('response_format');
  });

  it('asks for a JSON object in the system prompt for json_object', () => {
    const request = toAnthropicRequest(body({ response_format: { type: 'json_object' } }), 'm', strictly);
    expect(request.system).toEqual([{ type: 'text', text: expect.stringContaining('JSON object') }]);
    expect(request.tools).toBeUndefined();
  });

  it.each([
    ['n', { n: 2 }],
    ['logprobs', { logprobs: true }],
    ['top_logprobs', { top_logprobs: 3 }],
    ['logit_bias', { logit_bias: { '50256': -100 } }],
    ['seed', { seed: 7 }],
    ['presence_penalty', { presence_penalty: 0.5 }],
    ['frequency_penalty', { frequency_penalty: 0.5 }],
    ['modalities', { modalities: ['text', 'audio'] }],
    ['audio', { audio: { voice: 'alloy', format: 'mp3' } }],
    ['prediction', { prediction: { type: 'content', content: 'x' } }],
    ['verbosity', { verbosity: 'low' }],
  ] as Array<[string, Partial<ChatCompletionCreateParamsBase>]>)('refuses %s naming the field and the target, or drops it', (field, extra) => {
    const error = refusal(() => toAnthropicRequest(body(extra), 'm', strictly));
    expect(error.field).toBe(field);
    expect(error.target).toBe('anthropic');
    expect(error.message).toBe(`anthropic cannot honour "${field}"; remove it or set drop_params`);
    expect(toAnthropicRequest(body(extra), 'm', dropping)).not.toHaveProperty(field);
  });

  it('accepts the OpenAI defaults of refused fields and ignores caching and storage hints', () => {
    const request = toAnthropicRequest(
      body({ n: 1, logprobs: false, presence_penalty: 0, logit_bias: {}, modalities: ['text'], store: true, metadata: { a: 'b' }, stream_options: { include_usage: true }, prompt_cache_key: 'k' }),
      'm',
      strictly,
    );
    expect(request).toEqual({ model: 'm', max_tokens: ANTHROPIC_DEFAULT_MAX_TOKENS, messages: [{ role: 'user', content: [{ type: 'text', text: 'Hola' }] }] });
  });

  it('refuses a field it does not know rather than losing it silently', () => {
    const error = refusal(() => toAnthropicRequest({ ...body(), future_field: 1 } as unknown as ChatCompletionCreateParams, 'm', strictly));
    expect(error.field).toBe('future_field');
  });

  it('sets stream when the caller streams', () => {
    expect(toAnthropicRequest(body({ stream: true }), 'm', strictly).stream).toBe(true);
  });

  it('accepts every field the table calls ignored without forwarding it', () => {
    const ignored = Object.entries(ANTHROPIC_FIELD_SUPPORT)
      .filter(([, handling]) => handling === 'ignored')
      .map(([field]) => field);
    const samples: Record<string, unknown> = {
      metadata: { a: 'b' },
      prompt_cache_key: 'k',
      prompt_cache_options: { mode: 'implicit' },
      prompt_cache_retention: '24h',
      service_tier: 'auto',
      store: false,
      stream_options: { include_usage: true },
    };
    expect(ignored.sort()).toEqual(Object.keys(samples).sort());
    const request = toAnthropicRequest({ ...body(), ...samples } as ChatCompletionCreateParams, 'm', strictly);
    expect(Object.keys(request).sort()).toEqual(['max_tokens', 'messages', 'model']);
  });
});
