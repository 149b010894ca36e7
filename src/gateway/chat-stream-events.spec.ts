import type { LlmResult } from './llm.types';
import { type ChatStreamEvent, ChatStreamEvents } from './chat-stream-events';
import type { ChatStreamSink } from './streamed-answer';

const START = { provider: 'openai' as const, model: 'gpt-4o-mini', requestId: 'r1' };
const RESULT = { text: 'hola', requestId: 'r1' } as LlmResult;
const chunk = (content: string) => ({ chunk: { id: 'x', object: 'chat.completion.chunk' as const, created: 0, model: 'm', choices: [{ index: 0, delta: { content }, finish_reason: null }] } });

/** A relay the test drives by hand: it records when it starts, and whether its stream was left and when it ends. */
function relayByHand() {
  let sink: ChatStreamSink | undefined;
  let settle!: { resolve: () => void; reject: (error: Error) => void };
  let left = 0;
  const relay = (given: ChatStreamSink) => {
    sink = given;
    return new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
  };
  return {
    relay,
    sink: () => sink,
    start: () => sink!.start(START, () => ((left += 1), settle.resolve())),
    settle: () => settle,
    left: () => left,
  };
}

async function take(events: AsyncIterator<ChatStreamEvent>, count: number): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < count; i++) {
    const step = await events.next();
    seen.push(step.done ? '(done)' : step.value.type);
  }
  return seen;
}

describe(ChatStreamEvents.name, () => {
  it('starts the relay at the first next() and gives its events in order, then the end', async () => {
    const hand = relayByHand();
    const events = new ChatStreamEvents(hand.relay);
    expect(hand.sink()).toBeUndefined();
    const first = events.next();
    hand.start();
    expect(hand.sink()!.chunks([chunk('ho')])).toBe(true);
    hand.sink()!.chunks([chunk('la')]);
    hand.sink()!.done(RESULT);
    hand.settle().resolve();
    expect((await first).value).toEqual({ type: 'start', ...START });
    expect(await take(events, 4)).toEqual(['chunks', 'chunks', 'done', '(done)']);
  });

  it('fails in place of the next event, after the events already made', async () => {
    const hand = relayByHand();
    const events = new ChatStreamEvents(hand.relay);
    const first = events.next();
    hand.start();
    hand.sink()!.chunks([chunk('medio')]);
    hand.settle().reject(new Error('the openai stream failed after 5 characters (network)'));
    await first;
    expect(await take(events, 1)).toEqual(['chunks']);
    await expect(events.next()).rejects.toThrow('the openai stream failed');
    expect(await take(events, 1)).toEqual(['(done)']);
  });

  it('leaves the stream at once when the consumer returns, refuses later chunks, and settles after the relay', async () => {
    const hand = relayByHand();
    const events = new ChatStreamEvents(hand.relay);
    const first = events.next();
    hand.start();
    await first;
    let returned = false;
    const leaving = events.return().then(() => (returned = true));
    expect(hand.left()).toBe(1);
    expect(hand.sink()!.chunks([chunk('tarde')])).toBe(false);
    await leaving;
    expect(returned).toBe(true);
    expect(await take(events, 1)).toEqual(['(done)']);
  });

  it('leaves as soon as the stream starts when the consumer returned before it did', async () => {
    const hand = relayByHand();
    const events = new ChatStreamEvents(hand.relay);
    const pending = events.next();
    void events.return();
    expect((await pending).done).toBe(true);
    hand.start();
    expect(hand.left()).toBe(1);
  });
});
