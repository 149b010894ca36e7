import type { ChatCompletionCreateParams, ChatCompletionCreateParamsBase } from 'openai/resources/chat/completions';
import { refusal } from 'test/fixtures/wire/refusal';
import { mimeTypeFromUrl } from './gemini-contents.mapper';
import { GEMINI_FIELD_SUPPORT, toGeminiRequest } from './gemini-request.mapper';
import { SKIP_THOUGHT_SIGNATURE, toolCallIdFor } from './gemini-tool-call-id';

const strictly = { dropUnsupported: false };
const dropping = { dropUnsupported: true };
const weatherParameters = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false };
const weatherTool = { type: 'function' as const, function: { name: 'get_weather', description: 'Weather now', parameters: weatherParameters } };
const timeTool = { type: 'function' as const, function: { name: 'get_time' } };

function body(extra: Partial<ChatCompletionCreateParamsBase> = {}): ChatCompletionCreateParams {
  return { model: 'gemini-2.5-flash', messages: [{ role: 'user', content: 'Hola' }], ...extra } as ChatCompletionCreateParams;
}

describe('toGeminiRequest', () => {
  it('sends the user turn alone when nothing else is asked', () => {
    expect(toGeminiRequest(body(), strictly)).toEqual({ contents: [{ role: 'user', parts: [{ text: 'Hola' }] }] });
  });

  it('puts system and developer messages in systemInstruction and assistant turns under role model, merging turns of one role', () => {
    const request = toGeminiRequest(
      body({
        messages: [
          { role: 'system', content: 'Eres contable.' },
          { role: 'developer', content: 'Breve.' },
          { role: 'user', content: 'a' },
          { role: 'user', content: 'b' },
          { role: 'assistant', content: 'c' },
        ],
      }),
      strictly,
    );
    expect(request.systemInstruction).toEqual({ parts: [{ text: 'Eres contable.' }, { text: 'Breve.' }] });
    expect(request.contents).toEqual([
      { role: 'user', parts: [{ text: 'a' }, { text: 'b' }] },
      { role: 'model', parts: [{ text: 'c' }] },
    ]);
  });

  it('maps every generation field to generationConfig', () => {
    const request = toGeminiRequest(
      body({
        temperature: 1.4,
        top_p: 0.8,
        max_completion_tokens: 300,
        max_tokens: 100,
        stop: ['FIN'],
        n: 2,
        seed: 7,
        presence_penalty: 0.5,
        frequency_penalty: -0.5,
        logprobs: true,
        top_logprobs: 3,
      }),
      strictly,
    );
    expect(request.generationConfig).toEqual({
      temperature: 1.4,
      topP: 0.8,
      maxOutputTokens: 300,
      stopSequences: ['FIN'],
      candidateCount: 2,
      seed: 7,
      presencePenalty: 0.5,
      frequencyPenalty: -0.5,
      responseLogprobs: true,
      logprobs: 3,
    });
    expect(toGeminiRequest(body({ stop: 'END', max_tokens: 100 }), strictly).generationConfig).toEqual({ stopSequences: ['END'], maxOutputTokens: 100 });
  });

  it('asks for JSON, with the schema for json_schema', () => {
    const schema = { type: 'object', properties: { total: { type: 'number' } }, required: ['total'] };
    expect(toGeminiRequest(body({ response_format: { type: 'json_schema', json_schema: { name: 'invoice', schema, strict: true } } }), strictly).generationConfig).toEqual({
      responseMimeType: 'application/json',
      responseJsonSchema: schema,
    });
    expect(toGeminiRequest(body({ response_format: { type: 'json_object' } }), strictly).generationConfig).toEqual({ responseMimeType: 'application/json' });
    expect(toGeminiRequest(body({ response_format: { type: 'text' } }), strictly).generationConfig).toBeUndefined();
  });

  it('turns reasoning_effort into a thinking budget, none into zero', () => {
    expect(toGeminiRequest(body({ reasoning_effort: 'low' }), strictly).generationConfig).toEqual({ thinkingConfig: { thinkingBudget: 1024 } });
    expect(toGeminiRequest(body({ reasoning_effort: 'none' }), strictly).generationConfig).toEqual({ thinkingConfig: { thinkingBudget: 0 } });
  });

  it('declares function tools with their JSON schema and maps every tool_choice', () => {
    const tools = [weatherTool, timeTool];
    expect(toGeminiRequest(body({ tools }), strictly)).toMatchObject({
      tools: [{ functionDeclarations: [{ name: 'get_weather', description: 'Weather now', parametersJsonSchema: weatherParameters }, { name: 'get_time' }] }],
    });
    expect(toGeminiRequest(body({ tools }), strictly).toolConfig).toBeUndefined();
    expect(toGeminiRequest(body({ tools, tool_choice: 'auto' }), strictly).toolConfig).toBeUndefined();
    expect(toGeminiRequest(body({ tools, tool_choice: 'none' }), strictly).toolConfig).toEqual({ functionCallingConfig: { mode: 'NONE' } });
    expect(toGeminiRequest(body({ tools, tool_choice: 'required' }), strictly).toolConfig).toEqual({ functionCallingConfig: { mode: 'ANY' } });
    expect(toGeminiRequest(body({ tools, tool_choice: { type: 'function', function: { name: 'get_time' } } }), strictly).toolConfig).toEqual({
      functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['get_time'] },
    });
    const allowed = toGeminiRequest(
      body({ tools, tool_choice: { type: 'allowed_tools', allowed_tools: { mode: 'required', tools: [{ type: 'function', function: { name: 'get_weather' } }] } } }),
      strictly,
    );
    expect(allowed.tools?.[0].functionDeclarations.map((declaration) => declaration.name)).toEqual(['get_weather']);
    expect(allowed.toolConfig).toEqual({ functionCallingConfig: { mode: 'ANY' } });
  });

  it('refuses parallel_tool_calls false (Gemini cannot limit calls) but accepts true', () => {
    expect(refusal(() => toGeminiRequest(body({ tools: [weatherTool], parallel_tool_calls: false }), strictly)).field).toBe('parallel_tool_calls');
    expect(toGeminiRequest(body({ tools: [weatherTool], parallel_tool_calls: true }), strictly).tools).toHaveLength(1);
  });

  it('replays tool calls as functionCall parts and tool results as functionResponse parts named after the call', () => {
    const signed = toolCallIdFor('call_a', 'c2lnbmF0dXJl');
    const request = toGeminiRequest(
      body({
        messages: [
          { role: 'user', content: 'Clima en Santiago y Lima' },
          {
            role: 'assistant',
            content: null,
            tool_calls: [
              { id: signed, type: 'function', function: { name: 'get_weather', arguments: '{"city":"Santiago"}' } },
              { id: 'call_b', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Lima"}' } },
            ],
          },
          { role: 'tool', tool_call_id: signed, content: '{"celsius":18}' },
          { role: 'tool', tool_call_id: 'call_b', content: 'soleado' },
        ],
      }),
      strictly,
    );
    expect(request.contents).toEqual([
      { role: 'user', parts: [{ text: 'Clima en Santiago y Lima' }] },
      {
        role: 'model',
        parts: [{ functionCall: { name: 'get_weather', args: { city: 'Santiago' } }, thoughtSignature: 'c2lnbmF0dXJl' }, { functionCall: { name: 'get_weather', args: { city: 'Lima' } } }],
      },
      {
        role: 'user',
        parts: [{ functionResponse: { name: 'get_weather', response: { celsius: 18 } } }, { functionResponse: { name: 'get_weather', response: { content: 'soleado' } } }],
      },
    ]);
  });

  it('marks the first replayed call of a step without a signature with the skip sentinel', () => {
    const request = toGeminiRequest(
      body({
        messages: [
          { role: 'user', content: 'x' },
          { role: 'assistant', tool_calls: [{ id: 'toolu_1', type: 'function', function: { name: 'f', arguments: '' } }] },
          { role: 'tool', tool_call_id: 'toolu_1', content: 'ok' },
        ],
      }),
      strictly,
    );
    expect(request.contents[1].parts).toEqual([{ functionCall: { name: 'f', args: {} }, thoughtSignature: SKIP_THOUGHT_SIGNATURE }]);
  });

  it('refuses a tool result whose call is not in the history, even when dropping', () => {
    const orphan = body({ messages: [{ role: 'tool', tool_call_id: 'call_x', content: 'ok' }] });
    expect(refusal(() => toGeminiRequest(orphan, dropping)).message).toContain('no earlier assistant tool call has the id "call_x"');
  });

  it('sends data: images inline, http(s) files by URI with a MIME type from the extension, and audio inline', () => {
    const request = toGeminiRequest(
      body({
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'Compara' },
              { type: 'image_url', image_url: { url: 'data:image/webp;base64,UklGR' } },
              { type: 'image_url', image_url: { url: 'https://example.com/a/boleta.PNG?size=big' } },
              { type: 'input_audio', input_audio: { data: 'SUQz', format: 'mp3' } },
              { type: 'file', file: { file_data: 'data:application/pdf;base64,JVBERi0=' } },
            ],
          },
        ],
      }),
      strictly,
    );
    expect(request.contents[0].parts).toEqual([
      { text: 'Compara' },
      { inlineData: { mimeType: 'image/webp', data: 'UklGR' } },
      { fileData: { fileUri: 'https://example.com/a/boleta.PNG?size=big', mimeType: 'image/png' } },
      { inlineData: { mimeType: 'audio/mp3', data: 'SUQz' } },
      { inlineData: { mimeType: 'application/pdf', data: 'JVBERi0=' } },
    ]);
    expect(mimeTypeFromUrl('https://example.com/doc.pdf')).toBe('application/pdf');
    expect(mimeTypeFromUrl('https://example.com/photo')).toBe('image/jpeg');
  });

  it('refuses OpenAI file ids unless dropping', () => {
    const fileId = body({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'lee' },
            { type: 'file', file: { file_id: 'file-1' } },
          ],
        },
      ],
    });
    expect(refusal(() => toGeminiRequest(fileId, strictly)).field).toBe('messages[0].content[1].file');
    expect(toGeminiRequest(fileId, dropping).contents).toEqual([{ role: 'user', parts: [{ text: 'lee' }] }]);
  });

  it.each([
    ['logit_bias', { logit_bias: { '1': 5 } }],
    ['audio', { audio: { voice: 'alloy', format: 'mp3' } }],
    ['modalities', { modalities: ['audio'] }],
    ['prediction', { prediction: { type: 'content', content: 'x' } }],
    ['verbosity', { verbosity: 'high' }],
    ['web_search_options', { web_search_options: {} }],
  ] as Array<[string, Partial<ChatCompletionCreateParamsBase>]>)('refuses %s naming the field and gemini, or drops it', (field, extra) => {
    const error = refusal(() => toGeminiRequest(body(extra), strictly));
    expect(error.message).toBe(`gemini cannot honour "${field}"; remove it or set drop_params`);
    expect(toGeminiRequest(body(extra), dropping)).toEqual(toGeminiRequest(body(), strictly));
  });

  it('accepts every field the table calls ignored without sending anything for it', () => {
    const samples: Record<string, unknown> = {
      metadata: { a: 'b' },
      prompt_cache_key: 'k',
      prompt_cache_options: { mode: 'implicit' },
      prompt_cache_retention: '24h',
      safety_identifier: 'h',
      service_tier: 'auto',
      store: true,
      stream_options: { include_usage: true },
      user: 'u-1',
    };
    const ignored = Object.entries(GEMINI_FIELD_SUPPORT)
      .filter(([, handling]) => handling === 'ignored')
      .map(([field]) => field);
    expect(ignored.sort()).toEqual(Object.keys(samples).sort());
    expect(toGeminiRequest({ ...body(), ...samples } as ChatCompletionCreateParams, strictly)).toEqual(toGeminiRequest(body(), strictly));
  });
});
