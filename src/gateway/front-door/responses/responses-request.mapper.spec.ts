import { responsesToChat } from './responses-request.mapper';

describe('responsesToChat', () => {
  it('puts instructions first as the system message and a string input as the user message', () => {
    expect(responsesToChat({ model: ' gpt-6-luna ', instructions: 'Eres contador.', input: 'Hola', max_output_tokens: 50, temperature: 0.2 })).toEqual({
      model: 'gpt-6-luna',
      messages: [
        { role: 'system', content: 'Eres contador.' },
        { role: 'user', content: 'Hola' },
      ],
      max_completion_tokens: 50,
      temperature: 0.2,
    });
  });

  it('turns a conversation of messages, parallel function calls and their outputs into chat messages', () => {
    const body = responsesToChat({
      model: 'm',
      input: [
        { role: 'user', content: [{ type: 'input_text', text: 'Dos folios' }] },
        { type: 'reasoning', id: 'rs_1', summary: [], encrypted_content: 'opaque' },
        { type: 'function_call', call_id: 'call_a', name: 'folio', arguments: '{"n":1}' },
        { type: 'function_call', call_id: 'call_b', name: 'folio', arguments: '{"n":2}' },
        { type: 'function_call_output', call_id: 'call_a', output: 'uno' },
        { type: 'function_call_output', call_id: 'call_b', output: [{ type: 'input_text', text: 'dos' }] },
        { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Listo', annotations: [] }] },
      ],
    });
    expect(body.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Dos folios' }] },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: 'call_a', type: 'function', function: { name: 'folio', arguments: '{"n":1}' } },
          { id: 'call_b', type: 'function', function: { name: 'folio', arguments: '{"n":2}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'call_a', content: 'uno' },
      { role: 'tool', tool_call_id: 'call_b', content: [{ type: 'text', text: 'dos' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'Listo' }] },
    ]);
  });

  it('maps function tools, tool_choice, structured output, verbosity and reasoning effort to their chat fields', () => {
    const schema = { type: 'object', properties: {} };
    const body = responsesToChat({
      model: 'm',
      input: 'x',
      tools: [{ type: 'function', name: 'f', description: 'd', parameters: schema, strict: true }],
      tool_choice: { type: 'function', name: 'f' },
      text: { format: { type: 'json_schema', name: 'out', schema, strict: true }, verbosity: 'low' },
      reasoning: { effort: 'high', summary: 'auto' },
    });
    expect(body).toMatchObject({
      tools: [{ type: 'function', function: { name: 'f', description: 'd', parameters: schema, strict: true } }],
      tool_choice: { type: 'function', function: { name: 'f' } },
      response_format: { type: 'json_schema', json_schema: { name: 'out', schema, strict: true } },
      verbosity: 'low',
      reasoning_effort: 'high',
    });
    expect(responsesToChat({ model: 'm', input: 'x', text: { format: { type: 'json_object' } } }).response_format).toEqual({ type: 'json_object' });
  });

  it('passes fields it does not know through, and drops those that have no effect without stored responses', () => {
    const body = responsesToChat({ model: 'm', input: 'x', seed: 7, store: true, include: ['reasoning.encrypted_content'], truncation: 'auto', metadata: { odoo: '1' }, top_logprobs: 2 });
    expect(body.seed).toBe(7);
    for (const dropped of ['store', 'include', 'truncation', 'metadata', 'top_logprobs']) expect(body).not.toHaveProperty(dropped);
  });

  it.each([
    [{ input: 'x' }, /model is required/],
    [{ model: 'm', input: 42 }, /input must be a string or an array/],
    [{ model: 'm', input: [] }, /at least one message/],
    [{ model: 'm', input: 'x', previous_response_id: 'resp_1' }, /previous_response_id needs responses stored by the server/],
    [{ model: 'm', input: 'x', conversation: 'conv_1' }, /conversation needs responses stored/],
    [{ model: 'm', input: 'x', background: true }, /background responses are not supported/],
    [{ model: 'm', input: [{ type: 'item_reference', id: 'msg_1' }] }, /input\[0\]: item references need responses stored/],
    [{ model: 'm', input: [{ type: 'web_search_call', id: 'ws' }] }, /input items of type "web_search_call" are not supported/],
    [{ model: 'm', input: [{ role: 'tool', content: 'x' }] }, /input\[0\]\.role must be one of/],
    [{ model: 'm', input: [{ role: 'user', content: [{ type: 'input_file', file_id: 'f' }] }] }, /content parts of type "input_file" are not supported/],
    [{ model: 'm', input: [{ role: 'user', content: [{ type: 'input_image', file_id: 'f' }] }] }, /only images given by image_url/],
    [{ model: 'm', input: 'x', tools: [{ type: 'file_search' }] }, /tools\[0\]: only function tools are supported here; OpenAI's hosted tools \(file_search\)/],
    [{ model: 'm', input: 'x', tool_choice: { type: 'web_search' } }, /tool_choice must be/],
    [{ model: 'm', input: 'x', text: { format: { type: 'json_schema' } } }, /needs name and schema/],
    [{ model: 'm', input: 'x', max_output_tokens: 0 }, /max_output_tokens must be a whole number from 1/],
    [{ model: 'm', input: 'x', max_output_tokens: '50' }, /max_output_tokens must be a whole number from 1/],
  ])('refuses %j with a message naming the problem', (raw, message) => {
    expect(() => responsesToChat(raw)).toThrow(message);
  });
});
