import { ProviderError, type ProviderStreamChunk, type StreamedChunk } from '../provider';
import { OpenAiStreamReading } from './openai-stream-reading';

const chunk = (fields: object) => JSON.stringify(Object.assign({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o-mini' }, fields));
const words = (content: string) => chunk({ choices: [{ index: 0, delta: { content }, finish_reason: null }], usage: null });
const finish = chunk({ choices: [{ index: 0, delta: {}, finish_reason: 'length' }], usage: null });
const usage = chunk({ choices: [], usage: { prompt_tokens: 21, completion_tokens: 16, prompt_tokens_details: { cached_tokens: 5 } } });
const itemsOf = (item: ProviderStreamChunk | undefined): StreamedChunk[] => (item?.type === 'chunks' ? item.items : []);

describe(OpenAiStreamReading.name, () => {
  it('hands each read over as one batch of the vendor texts, then ends with the finish reason and the usage', () => {
    const reading = new OpenAiStreamReading('openai');
    const first = itemsOf(reading.read([words('Hola '), words('mundo')]));
    const second = itemsOf(reading.read([finish, usage, '[DONE]']));
    expect(first.map((item) => item.raw)).toEqual([words('Hola '), words('mundo')]);
    expect(second.map((item) => item.raw)).toEqual([finish, usage]);
    expect(reading.end()).toEqual({ type: 'end', finishReason: 'length', usage: { input: 16, output: 16, cacheRead: 5, cacheWrite: 0, reasoning: 0 } });
  });

  it('gives nothing for a read of only [DONE] and skips whatever follows it', () => {
    const reading = new OpenAiStreamReading('groq');
    reading.read([words('x'), finish]);
    expect(reading.read(['[DONE]'])).toBeUndefined();
    expect(reading.read([words('late')])).toBeUndefined();
    expect(reading.end()).toMatchObject({ finishReason: 'length' });
  });

  it('fails a first chunk that is not JSON as malformed, before anything is handed over', () => {
    const reading = new OpenAiStreamReading('openai');
    expect(() => reading.read(['<html>bad gateway</html>'])).toThrow(expect.objectContaining({ kind: 'malformed', message: 'openai streamed malformed JSON' }));
  });

  it('checks a first chunk by its braces without parsing it, and fails one cut short', () => {
    const parse = jest.spyOn(JSON, 'parse');
    expect(itemsOf(new OpenAiStreamReading('openai').read([` ${words('Hola')}\n`]))).toHaveLength(1);
    expect(parse).not.toHaveBeenCalled();
    parse.mockRestore();
    expect(() => new OpenAiStreamReading('openai').read([words('Hola').slice(0, -1)])).toThrow(expect.objectContaining({ kind: 'malformed' }));
  });

  it('fails on an error the vendor reports mid-stream', () => {
    const reading = new OpenAiStreamReading('deepseek');
    reading.read([words('a')]);
    expect(() => reading.read([JSON.stringify({ error: { message: 'overloaded' } })])).toThrow(ProviderError);
  });

  it('fails at the end of a stream that never gave a finish reason', () => {
    const reading = new OpenAiStreamReading('openai');
    reading.read([words('a'), words('b')]);
    expect(() => reading.end()).toThrow(expect.objectContaining({ kind: 'stream_interrupted' }));
  });
});
