import fc from 'fast-check';
import { chunkText, chunkTextLength, isUsageReport } from '../provider';
import { binaryOf } from '../wire/server-sent-events';
import { usageFromOpenAi, type WireUsage } from './openai-wire-usage';
import { hasValue, RelayedChunk } from './relayed-chunk';

/** A chunk's bytes as the stream reading holds them (a binary string, see ServerSentEventParser). */
const openAiChunk = (delta: object, extra: object = {}) =>
  binaryOf(
    JSON.stringify(
      Object.assign({ id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o-mini', choices: [{ index: 0, delta, logprobs: null, finish_reason: null }], usage: null }, extra),
    ),
  );

describe(RelayedChunk.name, () => {
  afterEach(() => jest.restoreAllMocks());

  it('gives the words of a usual chunk without parsing its JSON', () => {
    const parse = jest.spyOn(JSON, 'parse');
    const item = new RelayedChunk(openAiChunk({ content: 'Hola, ¿cómo estás?' }), 'openai');
    expect(chunkText(item)).toBe('Hola, ¿cómo estás?');
    expect(isUsageReport(item)).toBe(false);
    expect([item.finishReason, item.reportsUsage, item.mayReportError]).toEqual([null, false, false]);
    expect(parse).not.toHaveBeenCalled();
  });

  it('gives the same text as a parse for content with quotes, backslashes, escapes and astral characters', () => {
    const pieces = ['', ' ', '"', '\\', '\\"', 'a"b', 'fin\\', '\n', '\t', '\u0000', 'é', '😀', '</script>', '"content":"', '\\\\"', '{"x":1}', '\u2028'];
    for (let seed = 1; seed <= 400; seed++) {
      let content = '';
      for (let n = seed % 7, s = seed; n >= 0; n--, s = (s * 31 + 7) % 997) content += pieces[s % pieces.length];
      const raw = openAiChunk({ content });
      expect(chunkText(new RelayedChunk(raw, 'openai'))).toBe(content);
      expect(chunkTextLength(new RelayedChunk(raw, 'openai'))).toBe(content.length);
    }
  });

  it('counts the text as its decoded length, from the bytes and without a parse, for any text in any script', () => {
    const parse = jest.spyOn(JSON, 'parse');
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (content) => {
        expect(chunkTextLength(new RelayedChunk(openAiChunk({ content }), 'openai'))).toBe(content.length);
      }),
    );
    expect(parse).not.toHaveBeenCalled();
    // JSON's own escapes, as another server may write them (\u00e9 for é, a surrogate pair for an emoji).
    expect(chunkTextLength(new RelayedChunk('{"choices":[{"delta":{"content":"caf\\u00e9 \\ud83d\\ude00\\n"}}]}', 'openai'))).toBe('café 😀\n'.length);
  });

  it('leaves an escape JSON does not have to the parse, which refuses it as the text reading does', () => {
    for (const raw of ['{"choices":[{"delta":{"content":"\\uZZZZ"}}]}', '{"choices":[{"delta":{"content":"\\q"}}]}']) {
      expect(() => chunkText(new RelayedChunk(raw, 'openai'))).toThrow(expect.objectContaining({ kind: 'malformed' }));
      expect(() => chunkTextLength(new RelayedChunk(raw, 'openai'))).toThrow(expect.objectContaining({ kind: 'malformed' }));
    }
  });

  it('leaves any other shape to a parse and still gives the right text', () => {
    const spaced = '{"id":"x","choices":[{"index":0,"delta":{"content": "con espacios"},"finish_reason": null}]}';
    const toolCall = openAiChunk({ tool_calls: [{ index: 0, function: { arguments: '{"content":"no es texto"}' } }] });
    const withLogprobs = openAiChunk({ content: 'Hi' }, {}).replace('"logprobs":null', '"logprobs":{"content":[{"token":"Hi","logprob":-0.1}]}');
    const nullContent = openAiChunk({ role: 'assistant', content: null });
    expect(chunkText(new RelayedChunk(spaced, 'groq'))).toBe('con espacios');
    expect(chunkText(new RelayedChunk(toolCall, 'openai'))).toBe('');
    expect(chunkText(new RelayedChunk(withLogprobs, 'openai'))).toBe('Hi');
    expect(chunkText(new RelayedChunk(nullContent, 'openai'))).toBe('');
    for (const raw of [spaced, toolCall, withLogprobs, nullContent]) expect(chunkTextLength(new RelayedChunk(raw, 'groq'))).toBe(chunkText(new RelayedChunk(raw, 'groq')).length);
  });

  it('reads a finish reason from the text, and leaves to a parse one it cannot read plainly', () => {
    const parse = jest.spyOn(JSON, 'parse');
    const finishing = new RelayedChunk(openAiChunk({}).replace('"finish_reason":null', '"finish_reason" : "length"'), 'openai');
    expect(finishing.finishReason).toBe('length');
    expect(new RelayedChunk(openAiChunk({ content: 'sin fin' }), 'openai').finishReason).toBeNull();
    expect(new RelayedChunk(openAiChunk({ content: '"finish_reason":"stop"' }), 'openai').finishReason).toBeNull(); // words, not the field
    expect(parse).not.toHaveBeenCalled();
    const twoChoices = JSON.stringify({
      choices: [
        { index: 0, delta: {}, finish_reason: 'stop' },
        { index: 1, delta: {}, finish_reason: 'length' },
      ],
    });
    const notAString = JSON.stringify({ choices: [{ index: 0, delta: {}, finish_reason: 7 }] });
    const escaped = '{"choices":[{"index":0,"delta":{},"finish_reason":"st\\u006fp"}]}';
    for (const raw of [twoChoices, notAString, escaped]) expect(new RelayedChunk(raw, 'openai').finishReason).toBeUndefined();
  });

  it('marks the chunks that may carry an error', () => {
    expect(new RelayedChunk('{"error":{"message":"overloaded"}}', 'openai').mayReportError).toBe(true);
    expect(new RelayedChunk(openAiChunk({ content: '"error": no es un campo' }), 'openai').mayReportError).toBe(false);
  });

  it('tells a usage report and reads its counts from the text, without a parse, wherever the field is', () => {
    const parse = jest.spyOn(JSON, 'parse');
    const usage = { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5, prompt_tokens_details: { cached_tokens: 1, audio_tokens: 0 }, completion_tokens_details: { reasoning_tokens: 4 } };
    const reports = [
      { id: 'x', object: 'chat.completion.chunk', choices: [], usage },
      { id: 'x', usage, choices: [], model: 'm' },
    ];
    for (const report of reports.map((fields) => new RelayedChunk(JSON.stringify(fields), 'openai'))) {
      expect([report.reportsUsage, isUsageReport(report)]).toEqual([true, true]);
      expect(usageFromOpenAi(report.usage)).toEqual({ input: 2, output: 2, cacheRead: 1, cacheWrite: 0, reasoning: 4 });
    }
    const deepSeek = new RelayedChunk(JSON.stringify({ choices: [], usage: { prompt_tokens: 30, completion_tokens: 3, prompt_cache_hit_tokens: 20, prompt_cache_miss_tokens: 10 } }), 'deepseek');
    expect(usageFromOpenAi(deepSeek.usage)).toEqual({ input: 10, output: 3, cacheRead: 20, cacheWrite: 0, reasoning: 0 });
    expect(parse).not.toHaveBeenCalled();
  });

  it('parses the chunk for counts the text does not give plainly, and for a usage report it cannot tell from the text', () => {
    const usage = { prompt_tokens: 3, completion_tokens: 2 };
    const cases = [
      { id: 'x', choices: [], extra: { usage: { a: 1 } }, usage },
      { id: 'x', choices: [], usage: { prompt_tokens: 3, completion_tokens: 2.5 } },
      { id: 'x', choices: [], usage: { prompt_tokens: -3, completion_tokens: 2 } },
      { id: 'x', choices: [], usage: { prompt_tokens: '3', completion_tokens: 2 } },
    ];
    for (const fields of cases) {
      const raw = JSON.stringify(fields);
      expect([raw, usageFromOpenAi(new RelayedChunk(raw, 'openai').usage)]).toEqual([raw, usageFromOpenAi(fields.usage as WireUsage)]);
    }
    const withWords = new RelayedChunk(openAiChunk({ content: 'fin' }, { usage }), 'openai');
    expect([withWords.usageOnly, isUsageReport(withWords), usageFromOpenAi(withWords.usage)]).toEqual([undefined, false, usageFromOpenAi(usage)]);
    const noChoices = new RelayedChunk(JSON.stringify({ id: 'x', usage }), 'openai');
    expect(isUsageReport(noChoices)).toBe(false);
  });

  it('turns malformed JSON into a provider error when the chunk is read', () => {
    const item = new RelayedChunk('{"id":"x","choices":[{"delta":{"content":"Resp', 'openai');
    expect(() => chunkText(item)).toThrow(expect.objectContaining({ kind: 'malformed', provider: 'openai' }));
  });
});

describe(hasValue.name, () => {
  it('tells a set field from a null or absent one, whatever the spacing', () => {
    expect(hasValue('{"usage":null}', 'usage"')).toBe(false);
    expect(hasValue('{"usage" :\n null}', 'usage"')).toBe(false);
    expect(hasValue('{"usage": {"prompt_tokens":1}}', 'usage"')).toBe(true);
    expect(hasValue('{"finish_reason" : "length"}', 'finish_reason"')).toBe(true);
    expect(hasValue('{"choices":[]}', 'usage"')).toBe(false);
  });

  it('does not take a key written inside a string for the field', () => {
    expect(hasValue(JSON.stringify({ content: '{"usage":{"a":1}}', usage: null }), 'usage"')).toBe(false);
    expect(hasValue(JSON.stringify({ note: 'usage', usage: null }), 'usage"')).toBe(false);
  });

  it('finds a field as a search for its quoted name would, wherever quotes and near-misses fall', () => {
    // The same rule with a plain search for `"usage"`, which the scan finds by the text after the quote.
    const skipSpace = (text: string) => text.replace(/^[ \t\r\n]*/, '');
    const reference = (json: string) => {
      for (let at = json.indexOf('"usage"'); at >= 0; at = json.indexOf('"usage"', at + 7)) {
        const rest = skipSpace(json.slice(at + 7));
        if (rest.startsWith(':') && !skipSpace(rest.slice(1)).startsWith('null')) return true;
      }
      return false;
    };
    const pieces = fc.constantFrom('"', 'usage', 'usage"', '"usage"', 'xusage"', ':', ' ', 'null', '1', '{', '\\"', 'u');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 12 }), (parts) => {
        const json = parts.join('');
        expect([json, hasValue(json, 'usage"')]).toEqual([json, reference(json)]);
      }),
      { numRuns: 2000 },
    );
    expect(hasValue('{"xusage":1,"usage":null}', 'usage"')).toBe(false);
    expect(hasValue('usage":1', 'usage"')).toBe(false);
  });
});
