import { request } from 'node:http';

/** A response read to its end. */
export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** Raised when the server does not finish answering within the client timeout. */
export class HangError extends Error {
  readonly kind = 'hang';
}

/**
 * Sends one request over node:http exactly as given (no URL normalisation, so `..` and bad percent-encoding reach
 * the server) and reads the whole answer; rejects with HangError after `timeoutMs`.
 */
export function sendRaw(
  origin: { host: string; port: number },
  req: { method: string; target: string; headers: Record<string, string>; body?: string | Buffer },
  timeoutMs: number,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const body = req.body === undefined ? undefined : Buffer.isBuffer(req.body) ? req.body : Buffer.from(req.body, 'utf8');
    const headers = { ...req.headers, ...(body ? { 'content-length': String(body.length) } : {}) };
    const client = request({ host: origin.host, port: origin.port, method: req.method, path: req.target, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
      });
      res.on('error', fail);
    });
    const timer = setTimeout(() => {
      client.destroy();
      reject(new HangError(`no complete answer within ${timeoutMs} ms`));
    }, timeoutMs);
    function fail(error: Error) {
      clearTimeout(timer);
      reject(error);
    }
    client.on('error', fail);
    client.end(body);
  });
}

/** How a trickled request ended: an answer, or the server closing the connection before answering. */
export type TrickleOutcome = { kind: 'answered'; response: RawResponse; afterMs: number } | { kind: 'cut'; afterMs: number };

/**
 * Sends the request's body in `pieces` writes `intervalMs` apart (a slow client) and reads the answer; a server
 * that closes the connection mid-body resolves as 'cut'. Rejects with HangError after `timeoutMs`.
 */
export function sendTrickled(
  origin: { host: string; port: number },
  req: { method: string; target: string; headers: Record<string, string>; body: string | Buffer },
  trickle: { pieces: number; intervalMs: number },
  timeoutMs: number,
): Promise<TrickleOutcome> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.from(req.body, 'utf8');
    const size = Math.ceil(body.length / trickle.pieces);
    const pieces = Array.from({ length: trickle.pieces }, (_, i) => body.subarray(i * size, (i + 1) * size));
    let settled = false;
    // eslint-disable-next-line prefer-const -- assigned below, after the settle callback that clears it
    let ticker: NodeJS.Timeout | undefined;
    const settle = (outcome: TrickleOutcome | Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearInterval(ticker);
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    const client = request({ host: origin.host, port: origin.port, method: req.method, path: req.target, headers: { ...req.headers, 'content-length': String(body.length) }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => settle({ kind: 'answered', response: { status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }, afterMs: Date.now() - started }));
      res.on('error', () => settle({ kind: 'cut', afterMs: Date.now() - started }));
    });
    const timer = setTimeout(() => {
      client.destroy();
      settle(new HangError(`trickled request still open after ${timeoutMs} ms`));
    }, timeoutMs);
    client.on('error', () => settle({ kind: 'cut', afterMs: Date.now() - started }));
    client.flushHeaders();
    let sent = 0;
    ticker = setInterval(() => {
      if (client.destroyed) return clearInterval(ticker);
      client.write(pieces[sent++]);
      if (sent === pieces.length) {
        clearInterval(ticker);
        client.end();
      }
    }, trickle.intervalMs);
  });
}
