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
