import type { FastifyHttpOptions } from 'fastify';
import type { Server } from 'node:http';
import type { AppConfig } from 'src/config';

/**
 * Node's HTTP server with the configured timeouts: a client trickling its headers or body is cut (408) when
 * HTTP_HEADERS_TIMEOUT_MS / HTTP_BODY_TIMEOUT_MS run out, and a silent socket after HTTP_IDLE_TIMEOUT_MS. Node
 * checks the first two on a timer, here a quarter of the shorter timeout (at most 1 s), so they fire on time.
 */
export function httpServerOptions(config: AppConfig): Pick<FastifyHttpOptions<Server>, 'connectionTimeout' | 'keepAliveTimeout' | 'requestTimeout' | 'http'> {
  const { headersMs, requestMs, idleMs } = config.http.timeouts;
  return {
    connectionTimeout: idleMs,
    keepAliveTimeout: Math.min(72_000, idleMs),
    requestTimeout: requestMs,
    http: { headersTimeout: headersMs, requestTimeout: requestMs, connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(headersMs / 4))) },
  };
}

/** The status a socket-level client error is answered with: 408 for a request too slow to arrive, 431 for oversized headers, else 400. */
export function clientErrorStatus(error: { code?: string }): 408 | 431 | 400 {
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') return 408;
  return error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
}

/** TRUST_PROXY as Fastify takes it: a hop count trusts that many proxies next to the service (Fastify ≥ 5.12 reads a bare number as "trust none"). */
export function fastifyTrustProxy(setting: boolean | number | string): boolean | string | ((address: string, hop: number) => boolean) {
  return typeof setting === 'number' ? (_address, hop) => hop < setting : setting;
}
