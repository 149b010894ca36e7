import type { LlmResult, TokenUsage } from './llm.types';
import type { ProviderStreamChunk, StreamedChunk } from './providers/provider';
import { RequestRun, type RunOptions } from './request-run';
import type { RouteTarget } from './routing/router';
import { type ChatStreamSink, StreamedAnswer, type StreamOutcomes } from './streamed-answer';

const TARGET = { provider: 'openai', model: 'gpt-4o-mini' } as RouteTarget;
const USAGE: TokenUsage = { input: 12, output: 3, cacheRead: 0, cacheWrite: 0, reasoning: 0 };
const words = (...texts: string[]): ProviderStreamChunk => ({
  type: 'chunks',
  items: texts.map((text): StreamedChunk => ({ chunk: { id: 'x', object: 'chat.completion.chunk', created: 0, model: 'm', choices: [] }, text })),
});

/** A pulled stream of the given items (the first is handed to relay(), as the gateway does). */
function itemsOf(items: ProviderStreamChunk[]): { first: IteratorResult<ProviderStreamChunk>; rest: AsyncIterator<ProviderStreamChunk>; stopped: () => boolean } {
  let stopped = false;
  const queue = items.slice(1);
  return {
    first: { value: items[0], done: false },
    rest: {
      next: async () => (queue.length ? { value: queue.shift()!, done: false } : { value: undefined, done: true }),
      return: async () => ((stopped = true), { value: undefined, done: true }),
    },
    stopped: () => stopped,
  };
}

function outcomes() {
  const seen: { completedText?: string; deserted?: TokenUsage } = {};
  const recorded: StreamOutcomes = {
    completed: (_run, _target, text) => ((seen.completedText = text), { text, requestId: 'r1' } as LlmResult),
    failed: async (_run, _target, error) => error as Error,
    deserted: (_run, _target, partial) => void (seen.deserted = partial),
  };
  return { recorded, seen };
}

function sink(keepsText: boolean | undefined, leaveAfterChunks = Infinity): ChatStreamSink & { done: jest.Mock } {
  let chunks = 0;
  return { keepsText, start: () => undefined, chunks: () => ++chunks < leaveAfterChunks, done: jest.fn() };
}

const runs: RequestRun[] = [];
const run = () => {
  runs.push(new RequestRun('r1', {} as RunOptions, [TARGET], 40, 'gpt-4o-mini', Date.now(), 60_000));
  return runs.at(-1)!;
};

describe(StreamedAnswer.name, () => {
  afterEach(() => runs.splice(0).forEach((r) => r.dispose()));

  it("keeps the answer's text for a sink that reads it in done()", async () => {
    const { recorded, seen } = outcomes();
    const items = itemsOf([words('Hola, ', '¿qué '), words('tal?'), { type: 'end', finishReason: 'stop', usage: USAGE }]);
    const into = sink(undefined);
    await new StreamedAnswer(run(), TARGET, items.rest, into, recorded).relay(items.first);
    expect(seen.completedText).toBe('Hola, ¿qué tal?');
    expect(into.done).toHaveBeenCalledWith(expect.objectContaining({ text: 'Hola, ¿qué tal?' }));
  });

  it('only counts the text for a door, and charges a stream it leaves by that count', async () => {
    const { recorded, seen } = outcomes();
    const completed = itemsOf([words('Hola, ', '¿qué '), words('tal?'), { type: 'end', finishReason: 'stop', usage: USAGE }]);
    await new StreamedAnswer(run(), TARGET, completed.rest, sink(false), recorded).relay(completed.first);
    expect(seen.completedText).toBe('');

    const left = itemsOf([words('0123456789'), words('abcdefgh'), words('never read')]);
    await new StreamedAnswer(run(), TARGET, left.rest, sink(false, 2), recorded).relay(left.first);
    expect(seen.deserted).toEqual({ input: 40, output: Math.ceil(18 / 4), cacheRead: 0, cacheWrite: 0, reasoning: 0 });
    expect(left.stopped()).toBe(true);
  });
});
