import type { Dispatcher } from 'undici';
import { RequestAbort } from 'src/common/abort/abortable';
import { type EventReading, streamEvents } from './event-batches';

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
