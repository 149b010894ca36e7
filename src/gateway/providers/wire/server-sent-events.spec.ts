import { readServerSentEvents } from './server-sent-events';

async function collect(pieces: string[]): Promise<string[]> {
  const out: string[] = [];
  for await (const data of readServerSentEvents(
    (async function* () {
      yield* pieces.map((p) => Buffer.from(p));
    })(),
  ))
    out.push(data);
  return out;
}

describe('readServerSentEvents', () => {
  it('yields each event once even when a line is split across network reads', async () => {
    expect(await collect(['data: {"a"', ':1}\n\nda', 'ta: {"b":2}\n\n'])).toEqual(['{"a":1}', '{"b":2}']);
  });

  it('ignores event names and comments, and accepts CRLF line ends', async () => {
    expect(await collect(['event: message_start\r\ndata: {"type":"x"}\r\n\r\n: ping\r\n\r\n'])).toEqual(['{"type":"x"}']);
  });

  it('joins multi-line data and flushes a last event without its blank line', async () => {
    expect(await collect(['data: one\ndata: two\n\ndata: [DONE]'])).toEqual(['one\ntwo', '[DONE]']);
  });

  it('keeps multi-byte characters split between reads intact', async () => {
    const bytes = Buffer.from('data: ñandú\n\n');
    const pieces = (async function* () {
      yield bytes.subarray(0, 8);
      yield bytes.subarray(8);
    })();
    const out: string[] = [];
    for await (const data of readServerSentEvents(pieces)) out.push(data);
    expect(out).toEqual(['ñandú']);
  });
});
