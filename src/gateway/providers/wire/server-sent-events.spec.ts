import { binaryOf, ServerSentEventParser, utf8Of } from './server-sent-events';

/** Every event of the stream, fed in the given pieces, with the events each piece completed. */
function parse(pieces: (string | Buffer)[], binary = false): { events: string[]; perPiece: number[] } {
  const parser = new ServerSentEventParser(binary);
  const perPiece: number[] = [];
  const events: string[] = [];
  for (const piece of pieces) {
    const done = parser.push(typeof piece === 'string' ? Buffer.from(piece) : piece);
    perPiece.push(done.length);
    events.push(...done);
  }
  events.push(...parser.end());
  return { events, perPiece };
}

describe('ServerSentEventParser', () => {
  it('yields each event once even when a line is split across network reads', () => {
    expect(parse(['data: {"a"', ':1}\n\nda', 'ta: {"b":2}\n\n']).events).toEqual(['{"a":1}', '{"b":2}']);
  });

  it('returns all the events one network read completed together', () => {
    const { events, perPiece } = parse(['data: 1\n\ndata: 2\n\ndata: 3\n\ndata: 4', '\n\n']);
    expect(events).toEqual(['1', '2', '3', '4']);
    expect(perPiece).toEqual([3, 1]);
  });

  it('ignores event names and comments, and accepts CRLF line ends', () => {
    expect(parse(['event: message_start\r\ndata: {"type":"x"}\r\n\r\n: ping\r\n\r\n']).events).toEqual(['{"type":"x"}']);
  });

  it('accepts a CRLF split between two reads', () => {
    expect(parse(['data: a\r', '\n\r\n']).events).toEqual(['a']);
  });

  it('joins multi-line data and flushes a last event without its blank line', () => {
    expect(parse(['data: one\ndata: two\n\ndata: [DONE]']).events).toEqual(['one\ntwo', '[DONE]']);
  });

  it('keeps multi-byte characters split between reads intact', () => {
    const bytes = Buffer.from('data: ñandú\n\n');
    expect(parse([bytes.subarray(0, 8), bytes.subarray(8)]).events).toEqual(['ñandú']);
  });

  it('keeps an empty data line as an empty event, and three lines of one event joined', () => {
    expect(parse(['data:\n\ndata: a\ndata: b\ndata: c\n\n']).events).toEqual(['', 'a\nb\nc']);
  });

  it('decodes a multi-byte character cut at every possible byte, across one, two and three reads', () => {
    const text = 'data: a€ñ😀z\n\n';
    const bytes = Buffer.from(text);
    for (let first = 1; first < bytes.length; first++) {
      expect(parse([bytes.subarray(0, first), bytes.subarray(first)]).events).toEqual(['a€ñ😀z']);
      for (let second = first + 1; second < bytes.length; second++) {
        expect(parse([bytes.subarray(0, first), bytes.subarray(first, second), bytes.subarray(second)]).events).toEqual(['a€ñ😀z']);
      }
    }
  });

  it('turns bytes that are not UTF-8, and a character cut by the end of the stream, into U+FFFD as TextDecoder does', () => {
    expect(parse([Buffer.from([0x64, 0x61, 0x74, 0x61, 0x3a, 0x20, 0xff, 0x41, 0x0a, 0x0a])]).events).toEqual(['\ufffdA']);
    expect(parse([Buffer.concat([Buffer.from('data: x'), Buffer.from('€').subarray(0, 2)])]).events).toEqual([
      new TextDecoder().decode(Buffer.concat([Buffer.from('x'), Buffer.from('€').subarray(0, 2)])),
    ]);
  });

  it("gives a binary parser's events as their bytes, whole whatever the cuts, which utf8Of decodes and binaryOf spells back", () => {
    const text = 'data: {"content":"a€ñ😀z"}\r\n\r\ndata: [DONE]\n\n';
    const bytes = Buffer.from(text);
    const expected = ['{"content":"a€ñ😀z"}', '[DONE]'];
    for (let cut = 1; cut < bytes.length; cut++) {
      const { events } = parse([bytes.subarray(0, cut), bytes.subarray(cut)], true);
      expect(events.map((event) => Buffer.from(event, 'latin1'))).toEqual(expected.map((event) => Buffer.from(event)));
      expect(events.map(utf8Of)).toEqual(expected);
    }
    expect(['a€ñ😀z', 'ascii', ''].map((t) => utf8Of(binaryOf(t)))).toEqual(['a€ñ😀z', 'ascii', '']);
    expect(binaryOf('ascii')).toBe('ascii');
  });
});
