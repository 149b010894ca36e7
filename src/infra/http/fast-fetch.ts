import { Readable } from 'node:stream';
import { Agent, request } from 'undici';

/** Keep-alive connection pools per vendor origin, shared by every SDK client in the process. */
const agent = new Agent({ keepAliveTimeout: 30_000, keepAliveMaxTimeout: 120_000, connections: 256, pipelining: 1 });

function toHeaderRecord(headers: RequestInit['headers']): Record<string, string> {
  return Object.fromEntries(new Headers(headers).entries());
}

/**
 * A `fetch` for the vendor SDKs built on undici's request API (the HTTP client Node's own fetch wraps).
 * Measured on this project's emulator: the WHATWG fetch layer cost about as much per call as the HTTP
 * exchange itself. JSON answers are read whole; event streams are handed on as a web stream, so streaming,
 * aborts and a connection cut midway behave as with the global fetch.
 */
export async function fastFetch(input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  const body = init.body;
  if (body !== undefined && body !== null && typeof body !== 'string' && !(body instanceof Uint8Array)) {
    return fetch(input, init); // uncommon bodies (FormData, streams) keep the standard path
  }
  const response = await request(url, {
    method: (init.method ?? 'GET') as 'GET',
    headers: toHeaderRecord(init.headers),
    body: body ?? undefined,
    signal: init.signal ?? undefined,
    dispatcher: agent,
  });
  const headers = new Headers();
  for (const [name, value] of Object.entries(response.headers)) {
    if (Array.isArray(value)) value.forEach((v) => headers.append(name, v));
    else if (value !== undefined) headers.set(name, String(value));
  }
  const status = response.statusCode;
  if (status === 204 || status === 304 || init.method === 'HEAD') {
    await response.body.dump();
    return new Response(null, { status, headers });
  }
  const streaming = (headers.get('content-type') ?? '').includes('text/event-stream');
  const payload = streaming ? (Readable.toWeb(response.body) as ReadableStream<Uint8Array>) : await response.body.text();
  return new Response(payload, { status, headers });
}
