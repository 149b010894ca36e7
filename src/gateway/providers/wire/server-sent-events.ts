/**
 * Splits a server-sent event byte stream into the `data` payload of each event (events separated by a blank
 * line, several `data:` lines joined by newlines; `event:`, `id:` and comment lines are not needed by any wire
 * we read, since every vendor repeats the event type inside its JSON). Fed one network read at a time, it
 * returns the events that read completed, so a whole packet of events is handled in one step.
 */
export class ServerSentEventParser {
  private buffered = '';
  private data: string[] = [];
  private readonly decoder = new TextDecoder();

  /** The events completed by this piece of the stream (often none, often several). */
  push(piece: Buffer | string): string[] {
    this.buffered += typeof piece === 'string' ? piece : this.decoder.decode(piece, { stream: true });
    const events: string[] = [];
    let start = 0;
    let newline: number;
    while ((newline = this.buffered.indexOf('\n', start)) >= 0) {
      const end = newline > start && this.buffered.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
      this.line(this.buffered.slice(start, end), events);
      start = newline + 1;
    }
    this.buffered = this.buffered.slice(start);
    return events;
  }

  /** What is left when the stream ends: a last event that came without its blank line. */
  end(): string[] {
    const rest = (this.buffered + this.decoder.decode()).replace(/\r$/, '');
    this.buffered = '';
    const events: string[] = [];
    if (rest) this.line(rest, events);
    if (this.data.length) events.push(this.data.join('\n'));
    this.data = [];
    return events;
  }

  private line(line: string, events: string[]): void {
    if (line === '') {
      if (this.data.length) events.push(this.data.join('\n'));
      this.data = [];
    } else if (line.startsWith('data:')) {
      this.data.push(line.charCodeAt(5) === 32 ? line.slice(6) : line.slice(5));
    }
  }
}
