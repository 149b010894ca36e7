import { request as httpRequest } from 'node:http';
import { bearer, startTestApp } from './setup';

type App = Awaited<ReturnType<typeof startTestApp>>;

/** A streamed answer read off the raw socket, each complete frame with the time it arrived. */
interface RawStream {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  raw: string;
  frames: { at: number; event: Record<string, any> }[];
}

/** POSTs to the stream route with node:http and records frames as they arrive; `stopAfterFrames` destroys the socket. */
export function rawStream(app: App, body: unknown, opts: { key?: string; stopAfterFrames?: number } = {}): Promise<RawStream> {
  const address = app.app.getHttpServer().address() as { port: number };
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: address.port,
        path: '/api/chat/message/stream',
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...bearer(opts.key) },
      },
      (res) => {
        const result: RawStream = { status: res.statusCode ?? 0, headers: res.headers, raw: '', frames: [] };
        let pending = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          result.raw += chunk;
          pending += chunk;
          let end: number;
          while ((end = pending.indexOf('\n\n')) >= 0) {
            const frame = pending.slice(0, end);
            pending = pending.slice(end + 2);
            if (frame.startsWith('data: ')) result.frames.push({ at: performance.now(), event: JSON.parse(frame.slice(6)) });
          }
          if (opts.stopAfterFrames !== undefined && result.frames.length >= opts.stopAfterFrames) {
            req.destroy();
            resolve(result);
          }
        });
        res.on('end', () => resolve(result));
        res.on('error', () => resolve(result));
      },
    );
    req.on('error', (error) => (opts.stopAfterFrames !== undefined ? undefined : reject(error)));
    req.end(payload);
  });
}

export async function waitFor(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
