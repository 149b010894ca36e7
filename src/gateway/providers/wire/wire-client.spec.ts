import { type Emulator, startEmulator } from '../../../../test/emulator/emulator';
import { ProviderError } from '../provider';
import type { EventReading } from './event-batches';
import { WireClient } from './wire-client';

const question = 'uno dos tres cuatro cinco seis siete ocho';
const body = (stream: boolean) => JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }], stream });

/** The wire client against the project's vendor emulator on loopback: what a vendor call streams, and how each failure surfaces. */
describe('WireClient event streams', () => {
  let emulator: Emulator;
  let wire: WireClient;
  const options = (overrides: { signal?: AbortSignal; timeoutMs?: number } = {}) => ({ signal: overrides.signal ?? new AbortController().signal, timeoutMs: overrides.timeoutMs ?? 5_000 });
  const textOf = (events: string[]) =>
    events
      .filter((e) => e !== '[DONE]')
      .map((e) => (JSON.parse(e) as { choices: { delta?: { content?: string } }[] }).choices[0]?.delta?.content ?? '')
      .join('');
  const outcomes = () => emulator.stats().requests.map((r) => r.outcome);
  const settled = async () => {
    for (let i = 0; i < 100 && outcomes().includes('pending'); i++) await new Promise((r) => setTimeout(r, 10));
  };

  beforeAll(async () => {
    emulator = await startEmulator({ chunkDelayMs: 1 });
    wire = new WireClient('openai', `${emulator.url}/v1`, { authorization: 'Bearer test-key' });
  });
  afterEach(() => emulator.reset());
  afterAll(() => emulator.close());

  it('gives every event of the answer, grouped in batches, ending with [DONE], with the same text as the JSON answer', async () => {
    const batches: string[][] = [];
    for await (const batch of wire.postEvents('/chat/completions', body(true), options())) batches.push(batch);
    const events = batches.flat();
    const json = await wire.postJson<{ choices: { message: { content: string } }[] }>('/chat/completions', body(false), options());
    expect(events.at(-1)).toBe('[DONE]');
    expect(textOf(events)).toBe(json.choices[0].message.content);
    expect(batches.every((batch) => batch.length > 0)).toBe(true);
    expect(outcomes()).toEqual(['ok', 'ok']);
  });

  it("refuses before the stream with the vendor's status, Retry-After and message", async () => {
    emulator.script({ count: 1, status: 429, retryAfter: 2, errorMessage: 'slow down' });
    const refusal = await wire
      .postEvents('/chat/completions', body(true), options())
      .next()
      .catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ProviderError);
    expect(refusal).toMatchObject({ kind: 'rate_limit', status: 429, retryAfterMs: 2000, vendorMessage: 'slow down' });
  });

  it('times out when the headers do not come in time', async () => {
    emulator.script({ count: 1, hang: true });
    const started = Date.now();
    const failure = await wire
      .postEvents('/chat/completions', body(true), options({ timeoutMs: 100 }))
      .next()
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ kind: 'timeout' });
    expect(Date.now() - started).toBeLessThan(4_000);
  });

  it('gives the events that arrived, then a network failure when the vendor cuts the stream', async () => {
    emulator.script({ count: 1, cutStreamAfterChunks: 2 });
    const events: string[] = [];
    const consume = async () => {
      for await (const batch of wire.postEvents('/chat/completions', body(true), options())) events.push(...batch);
    };
    await expect(consume()).rejects.toMatchObject({ kind: 'network' });
    expect(textOf(events)).toBe('Respuesta simulada de gpt-4o-mini: ');
  });

  it('ends the vendor call when the consumer stops reading early', async () => {
    emulator.script({ count: 1, chunkDelayMs: 50 });
    for await (const batch of wire.postEvents('/chat/completions', body(true), options())) if (batch.length) break;
    await settled();
    expect(outcomes()).toEqual(['aborted']);
  });

  it("fails as aborted when the caller's request is cancelled mid-stream", async () => {
    emulator.script({ count: 1, chunkDelayMs: 50 });
    const controller = new AbortController();
    const consume = async () => {
      for await (const batch of wire.postEvents('/chat/completions', body(true), options({ signal: controller.signal }))) if (batch.length) controller.abort(new Error('client disconnected'));
    };
    await expect(consume()).rejects.toMatchObject({ kind: 'aborted' });
  });

  it('hands over what a reading makes of each read and its end item, last', async () => {
    const reading: EventReading<string> = { read: (events) => `${events.length} events`, end: () => 'end' };
    const items: string[] = [];
    for await (const item of wire.postEvents('/chat/completions', body(true), options(), reading)) items.push(item);
    expect(items.at(-1)).toBe('end');
    expect(items.slice(0, -1).every((item) => /^[1-9]\d* events$/.test(item))).toBe(true);
  });

  it("fails with a reading's error after the items already made, and ends the vendor call", async () => {
    emulator.script({ count: 1, chunkDelayMs: 50 });
    let reads = 0;
    const reading: EventReading<number> = {
      read: () => {
        if (++reads === 2) throw new ProviderError('stream_interrupted', 'openai reported an error mid-stream', 'openai');
        return reads;
      },
      end: () => undefined,
    };
    const items: number[] = [];
    const consume = async () => {
      for await (const item of wire.postEvents('/chat/completions', body(true), options(), reading)) items.push(item);
    };
    await expect(consume()).rejects.toMatchObject({ kind: 'stream_interrupted' });
    expect(items).toEqual([1]);
    await settled();
    expect(outcomes()).toEqual(['aborted']);
  });
});
