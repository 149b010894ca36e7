import { fromGeminiResponse, geminiTokenUsage } from './gemini-response.mapper';
import { thoughtSignatureOf } from './gemini-tool-call-id';

describe('fromGeminiResponse', () => {
  it('answers one choice with the text of the candidate and usage with cached and reasoning tokens', () => {
    const completion = fromGeminiResponse(
      {
        candidates: [{ index: 0, content: { role: 'model', parts: [{ text: 'Hola, ' }, { text: 'mundo' }] }, finishReason: 'STOP' }],
        usageMetadata: { promptTokenCount: 120, cachedContentTokenCount: 100, candidatesTokenCount: 8, thoughtsTokenCount: 30 },
      },
      'gemini-2.5-flash',
      'chatcmpl-g',
      1700000000,
    );
    expect(completion).toEqual({
      id: 'chatcmpl-g',
      object: 'chat.completion',
      created: 1700000000,
      model: 'gemini-2.5-flash',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Hola, mundo', refusal: null }, logprobs: null, finish_reason: 'stop' }],
      usage: { prompt_tokens: 120, completion_tokens: 38, total_tokens: 158, prompt_tokens_details: { cached_tokens: 100 }, completion_tokens_details: { reasoning_tokens: 30 } },
    });
    expect(geminiTokenUsage({ promptTokenCount: 120, cachedContentTokenCount: 100, candidatesTokenCount: 8, thoughtsTokenCount: 30 })).toEqual({
      input: 20,
      output: 38,
      cacheRead: 100,
      cacheWrite: 0,
      reasoning: 30,
    });
  });

  it('turns functionCall parts into tool calls with generated ids that carry the thought signature, finishing with tool_calls', () => {
    const completion = fromGeminiResponse(
      {
        candidates: [
          {
            content: {
              role: 'model',
              parts: [{ functionCall: { name: 'get_weather', args: { city: 'Santiago' } }, thoughtSignature: 'c2ln' }, { functionCall: { name: 'get_weather', args: { city: 'Lima' } } }],
            },
            finishReason: 'STOP',
          },
        ],
      },
      'm',
      'id',
      1,
    );
    const choice = completion.choices[0];
    expect(choice.finish_reason).toBe('tool_calls');
    expect(choice.message.content).toBeNull();
    const calls = choice.message.tool_calls ?? [];
    expect(calls.map((call) => call.type === 'function' && call.function)).toEqual([
      { name: 'get_weather', arguments: '{"city":"Santiago"}' },
      { name: 'get_weather', arguments: '{"city":"Lima"}' },
    ]);
    expect(calls[0].id).toMatch(/^call_/);
    expect(thoughtSignatureOf(calls[0].id)).toBe('c2ln');
    expect(thoughtSignatureOf(calls[1].id)).toBeUndefined();
    expect(calls[0].id).not.toBe(calls[1].id);
  });

  it('keeps the id Gemini gave a function call', () => {
    const completion = fromGeminiResponse({ candidates: [{ content: { parts: [{ functionCall: { id: 'fc-7', name: 'f', args: {} } }] }, finishReason: 'STOP' }] }, 'm', 'id', 1);
    expect(completion.choices[0].message.tool_calls?.[0].id).toBe('fc-7');
  });

  it('returns every candidate as a choice in index order and thoughts as reasoning_content', () => {
    const completion = fromGeminiResponse(
      {
        candidates: [
          { index: 1, content: { parts: [{ text: 'B' }] }, finishReason: 'MAX_TOKENS' },
          { index: 0, content: { parts: [{ text: 'Pienso', thought: true }, { text: 'A' }] }, finishReason: 'STOP' },
        ],
      },
      'm',
      'id',
      1,
    );
    expect(completion.choices.map((choice) => [choice.index, choice.message.content, choice.finish_reason])).toEqual([
      [0, 'A', 'stop'],
      [1, 'B', 'length'],
    ]);
    expect(completion.choices[0].message).toMatchObject({ reasoning_content: 'Pienso' });
  });

  it.each([
    ['STOP', 'stop'],
    ['MAX_TOKENS', 'length'],
    ['SAFETY', 'content_filter'],
    ['RECITATION', 'content_filter'],
    ['PROHIBITED_CONTENT', 'content_filter'],
    ['SPII', 'content_filter'],
    ['MALFORMED_FUNCTION_CALL', 'stop'],
    [undefined, 'stop'],
  ])('maps finishReason %s to %s', (reason, finish) => {
    expect(fromGeminiResponse({ candidates: [{ content: { parts: [{ text: 'x' }] }, finishReason: reason }] }, 'm', 'id', 1).choices[0].finish_reason).toBe(finish);
  });

  it('answers a blocked prompt with an empty content_filter choice', () => {
    const completion = fromGeminiResponse({ promptFeedback: { blockReason: 'SAFETY' }, usageMetadata: { promptTokenCount: 9 } }, 'm', 'id', 1);
    expect(completion.choices).toEqual([{ index: 0, message: { role: 'assistant', content: null, refusal: null }, logprobs: null, finish_reason: 'content_filter' }]);
    expect(completion.usage?.prompt_tokens).toBe(9);
  });

  it('maps logprobs with their top alternatives and UTF-8 bytes', () => {
    const completion = fromGeminiResponse(
      {
        candidates: [
          {
            content: { parts: [{ text: 'Sí' }] },
            finishReason: 'STOP',
            logprobsResult: {
              chosenCandidates: [{ token: 'Sí', logProbability: -0.1 }],
              topCandidates: [
                {
                  candidates: [
                    { token: 'Sí', logProbability: -0.1 },
                    { token: 'No', logProbability: -2.5 },
                  ],
                },
              ],
            },
          },
        ],
      },
      'm',
      'id',
      1,
    );
    expect(completion.choices[0].logprobs).toEqual({
      content: [
        {
          token: 'Sí',
          logprob: -0.1,
          bytes: [83, 195, 173],
          top_logprobs: [
            { token: 'Sí', logprob: -0.1, bytes: [83, 195, 173] },
            { token: 'No', logprob: -2.5, bytes: [78, 111] },
          ],
        },
      ],
      refusal: null,
    });
  });
});
