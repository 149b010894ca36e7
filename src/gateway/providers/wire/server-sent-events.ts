/**
 * Yields the `data` payload of each server-sent event in a byte stream (events separated by a blank line,
 * several `data:` lines joined by newlines; `event:`, `id:` and comment lines are not needed by any wire
 * we read, since every vendor repeats the event type inside its JSON).
 */
export async function* readServerSentEvents(body: AsyncIterable<Buffer | string>): AsyncIterable<string> {
  let buffered = '';
  let data: string[] = [];
  const decoder = new TextDecoder();
  for await (const piece of body) {
    buffered += typeof piece === 'string' ? piece : decoder.decode(piece, { stream: true });
    let newline: number;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      let line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      if (line.endsWith('\r')) line = line.slice(0, -1);
      if (line === '') {
        if (data.length) yield data.join('\n');
        data = [];
      } else if (line.startsWith('data:')) {
        data.push(line.charCodeAt(5) === 32 ? line.slice(6) : line.slice(5));
      }
    }
  }
  buffered += decoder.decode();
  if (buffered.startsWith('data:')) data.push(buffered.slice(buffered.charCodeAt(5) === 32 ? 6 : 5).replace(/\r$/, ''));
  if (data.length) yield data.join('\n');
}
