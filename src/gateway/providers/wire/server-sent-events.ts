/**
 * Splits a server-sent event byte stream into the `data` payload of each event (events separated by a blank
 * line, several `data:` lines joined by newlines; `event:`, `id:` and comment lines are not needed by any wire
 * we read, since every vendor repeats the event type inside its JSON). Fed one network read at a time, it
 * returns the events that read completed, so a whole packet of events is handled in one step. An event of one
 * `data:` line (every vendor's) is one slice of the read: no per-line string or array in between.
 *
 * A `binary` parser reads each byte as one character (latin1), so its events are the vendor's bytes as they came: a
 * relay writes them back unchanged with the same encoding, the JSON structure a scan looks for (quotes, braces, field
 * names, newlines) is where it was, and UTF-8 text is decoded only where it is read (see utf8Of). Its strings are
 * one byte per character, where a UTF-8 decoding of a read with any non-ASCII character in it takes two.
 */
export class ServerSentEventParser {
  private buffered = '';
  /** The event being read: undefined (no data yet), its one data line, or several lines to join. */
  private data: string | string[] | undefined;
  /** The first bytes of a character the next read completes (a read can end inside a multi-byte character). */
  private carry: Buffer | undefined;

  constructor(private readonly binary = false) {}

  /** The events completed by this piece of the stream (often none, often several). */
  push(piece: Buffer | string): string[] {
    const text = this.buffered + (typeof piece === 'string' ? piece : this.binary ? piece.toString('latin1') : this.decode(piece));
    const events: string[] = [];
    let start = 0;
    let newline: number;
    while ((newline = text.indexOf('\n', start)) >= 0) {
      const end = newline > start && text.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
      this.line(text, start, end, events);
      start = newline + 1;
    }
    this.buffered = start === 0 ? text : text.slice(start);
    return events;
  }

  /** What is left when the stream ends: a last event that came without its blank line. */
  end(): string[] {
    const rest = (this.buffered + (this.carry?.toString('utf8') ?? '')).replace(/\r$/, '');
    this.carry = undefined;
    this.buffered = '';
    const events: string[] = [];
    if (rest) this.line(rest, 0, rest.length, events);
    this.line('', 0, 0, events);
    return events;
  }

  /**
   * UTF-8 text of a read, holding back a character cut at its end until the next read (what TextDecoder's stream
   * mode does, without its per-call option conversion, which showed in the profile of streamed requests).
   */
  private decode(piece: Buffer): string {
    let bytes = piece;
    if (this.carry) {
      bytes = Buffer.concat([this.carry, piece]);
      this.carry = undefined;
    }
    const cut = incompleteCharacterAtEnd(bytes);
    if (cut === 0) return bytes.toString('utf8');
    this.carry = Buffer.from(bytes.subarray(bytes.length - cut));
    return bytes.toString('utf8', 0, bytes.length - cut);
  }

  /** One line, text[start, end): a blank line completes the event, a `data:` line adds to it. */
  private line(text: string, start: number, end: number, events: string[]): void {
    if (start === end) {
      if (this.data !== undefined) events.push(typeof this.data === 'string' ? this.data : this.data.join('\n'));
      this.data = undefined;
    } else if (text.startsWith('data:', start)) {
      const value = text.slice(text.charCodeAt(start + 5) === 32 && start + 5 < end ? start + 6 : start + 5, end);
      if (this.data === undefined) this.data = value;
      else if (typeof this.data === 'string') this.data = [this.data, value];
      else this.data.push(value);
    }
  }
}

/** How many bytes at the end of `bytes` begin a UTF-8 character that is not complete yet (0 to 3). */
export function incompleteCharacterAtEnd(bytes: Buffer): number {
  for (let back = 1; back <= 3 && back <= bytes.length; back++) {
    const byte = bytes[bytes.length - back];
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: its lead is further back
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return length > back ? back : 0;
  }
  return 0;
}

const NON_ASCII = /[\u0080-\uffff]/;

/** The text a binary (latin1) string of UTF-8 bytes spells; an ASCII one is its own text. */
export function utf8Of(binary: string): string {
  return NON_ASCII.test(binary) ? Buffer.from(binary, 'latin1').toString('utf8') : binary;
}

/** The binary (latin1) string of a text's UTF-8 bytes, to go out beside a binary parser's events; an ASCII text is its own. */
export function binaryOf(text: string): string {
  return NON_ASCII.test(text) ? Buffer.from(text, 'utf8').toString('latin1') : text;
}
