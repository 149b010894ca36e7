import { connect } from 'node:net';

/** What a slow client saw: the bytes the server sent and when the server closed the connection. */
export interface SlowClientOutcome {
  received: string;
  /** Milliseconds from connecting until the server closed; undefined if it was still open when the client gave up. */
  closedAfterMs?: number;
  /** How many of the trickled pieces were written before the close. */
  piecesSent: number;
}

/**
 * A client that sends `head` at once, then one piece of `pieces` every `intervalMs` (a trickled header or body),
 * and waits for the server to close, for at most `giveUpMs`.
 */
export function slowClient(origin: { host: string; port: number }, head: string, pieces: string[], intervalMs: number, giveUpMs: number): Promise<SlowClientOutcome> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = connect(origin.port, origin.host);
    let received = '';
    let piecesSent = 0;
    let ticker: NodeJS.Timeout | undefined;
    const finish = (closed: boolean) => {
      clearInterval(ticker);
      clearTimeout(giveUp);
      socket.destroy();
      resolve({ received, closedAfterMs: closed ? Date.now() - started : undefined, piecesSent });
    };
    const giveUp = setTimeout(() => finish(false), giveUpMs);
    socket.on('data', (chunk) => (received += chunk.toString('latin1')));
    socket.on('close', () => finish(true));
    socket.on('error', () => undefined);
    socket.on('connect', () => {
      if (head) socket.write(head);
      ticker = setInterval(() => {
        if (piecesSent >= pieces.length || socket.destroyed) return;
        socket.write(pieces[piecesSent++]);
      }, intervalMs);
    });
  });
}
