/**
 * Splits a server-sent event byte stream into the `data` payload of each event (events separated by a blank
 * line, several `data:` lines joined by newlines; `event:`, `id:` and comment lines are not needed by any wire
 * we read, since every vendor repeats the event type inside its JSON). Fed one network read at a time, it
 * returns the events that read completed, so a whole packet of events is handled in one step. An event of one
 * `data:` line (every vendor's) is one slice of the read: no per-line string or array in between.
 */
export class ServerSentEventParser {
  private buffered = '';
  /** The event being read: undefined (no data yet), its one data line, or several lines to join. */
  private data: string | string[] | undefined;
  private readonly decoder = new TextDecoder();

  /** The events completed by this piece of the stream (often none, often several). */
  push(piece: Buffer | string): string[] {
    const text = this.buffered + (typeof piece === 'string' ? piece : this.decoder.decode(piece, { stream: true }));
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
    const rest = (this.buffered + this.decoder.decode()).replace(/\r$/, '');
    this.buffered = '';
    const events: string[] = [];
    if (rest) this.line(rest, 0, rest.length, events);
    this.line('', 0, 0, events);
    return events;
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
