import type { Dispatcher } from 'undici';
import { RequestAbort } from 'src/common/abort/abortable';
import { type EventReading, type PushableItems, streamEvents } from './event-batches';

/** A vendor that answers 200 and then the given network reads, all at once, before the consumer reads anything. */
function answeringAtOnce(reads: string[]): Dispatcher {
  return {
    dispatch(_options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler) {
      handler.onConnect?.(() => undefined);
      handler.onHeaders?.(200, [], () => undefined, 'OK');
      for (const read of reads) handler.onData?.(Buffer.from(read));
      handler.onComplete?.([]);
      return true;
    },
  } as unknown as Dispatcher;
}

const errors = { timedOut: () => new Error('timed out'), refused: () => new Error('refused'), failed: (error: unknown) => error as Error };

describe(streamEvents.name, () => {
  it('still ends the stream when more items wait for a slow consumer than reading pauses at', async () => {
    const reads = Array.from({ length: 40 }, (_, i) => `data: ${i}\n\n`);
    const reading: EventReading<string> = { read: (events) => events.join(','), end: () => 'end' };
    const items: string[] = [];
    for await (const item of streamEvents(answeringAtOnce(reads), { path: '/', method: 'POST' }, new RequestAbort(), 1_000, errors, reading)) items.push(item);
    expect(items).toEqual([...reads.map((_, i) => String(i)), 'end']);
  });
});

/** A vendor whose answer the test feeds read by read, after the headers. */
function answeringOnCue() {
  let handler!: Dispatcher.DispatchHandler;
  let aborted: Error | undefined;
  const dispatcher = {
    dispatch(_options: Dispatcher.DispatchOptions, h: Dispatcher.DispatchHandler) {
      handler = h;
      h.onConnect?.((reason?: Error) => {
        aborted = reason ?? new Error('aborted');
        h.onError?.(aborted);
      });
      h.onHeaders?.(200, [], () => undefined, 'OK');
      return true;
    },
  } as unknown as Dispatcher;
  return {
    dispatcher,
    read: (text: string) => handler.onData?.(Buffer.from(text)),
    complete: () => handler.onComplete?.([]),
    fail: (error: Error) => handler.onError?.(error),
    aborted: () => aborted,
  };
}

const joined: EventReading<string> = { read: (events) => events.join(','), end: () => 'end' };

describe('streamEvents pushed to a receiver', () => {
  function receiver() {
    const got: string[] = [];
    return { got, item: (item: string) => got.push(item), end: () => got.push('(end)'), fail: (error: Error) => got.push(`(failed: ${error.message})`) };
  }

  it('hands over the items made before, then each read inside its own network callback, then the end', async () => {
    const vendor = answeringOnCue();
    const items = streamEvents(vendor.dispatcher, { path: '/', method: 'POST' }, new RequestAbort(), 1_000, errors, joined);
    vendor.read('data: a\n\ndata: b\n\n');
    const first = await items.next();
    vendor.read('data: c\n\n');
    const taken = receiver();
    (items as PushableItems<string>).pushTo(taken);
    expect(taken.got).toEqual(['c']);
    vendor.read('data: d\n\n');
    expect(taken.got).toEqual(['c', 'd']);
    vendor.complete();
    expect([first.value, ...taken.got]).toEqual(['a,b', 'c', 'd', 'end', '(end)']);
  });

  it('fails after the items already handed over, and stops the vendor call when the receiver leaves', async () => {
    const failing = answeringOnCue();
    const items = streamEvents(failing.dispatcher, { path: '/', method: 'POST' }, new RequestAbort(), 1_000, errors, joined);
    const taken = receiver();
    (items as PushableItems<string>).pushTo(taken);
    failing.read('data: a\n\n');
    failing.fail(new Error('socket hang up'));
    expect(taken.got).toEqual(['a', '(failed: socket hang up)']);

    const left = answeringOnCue();
    const others = streamEvents(left.dispatcher, { path: '/', method: 'POST' }, new RequestAbort(), 1_000, errors, joined);
    const gone = receiver();
    (others as PushableItems<string>).pushTo(gone);
    left.read('data: a\n\n');
    await others.return?.();
    left.read('data: b\n\n');
    expect(left.aborted()).toBeDefined();
    expect(gone.got).toEqual(['a']);
  });
});
