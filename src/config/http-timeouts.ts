import type { EnvDto } from './env.schema';

/** How long a client may take to send its request, and how long a connection may stay silent. */
export interface HttpTimeouts {
  /** From the first byte to the end of the headers. */
  headersMs: number;
  /** From the first byte to the end of the body. */
  requestMs: number;
  /** With no byte in either direction, the socket is closed (keep-alive waits included). */
  idleMs: number;
}

/** Reads the three timeouts; they must nest (headers ≤ request) and idle must outlast a request waiting on a vendor. */
export function httpTimeouts(env: EnvDto, problems: string[]): HttpTimeouts {
  const timeouts = { headersMs: env.HTTP_HEADERS_TIMEOUT_MS ?? 10_000, requestMs: env.HTTP_BODY_TIMEOUT_MS ?? 30_000, idleMs: env.HTTP_IDLE_TIMEOUT_MS ?? 75_000 };
  if (timeouts.headersMs > timeouts.requestMs) problems.push('  - HTTP_HEADERS_TIMEOUT_MS: must not exceed HTTP_BODY_TIMEOUT_MS (the headers are part of the request)');
  const deadlineMs = env.LLM_REQUEST_DEADLINE_MS ?? 60_000;
  if (timeouts.idleMs <= deadlineMs) problems.push(`  - HTTP_IDLE_TIMEOUT_MS: must be longer than LLM_REQUEST_DEADLINE_MS (${deadlineMs}), since a request waiting on a vendor sends nothing`);
  return timeouts;
}

/** Peers on loopback and private networks (where an ingress, a sidecar or a load balancer sits), by proxy-addr's names. */
export const PRIVATE_NETWORK_PROXIES = 'loopback,linklocal,uniquelocal';

/**
 * Which peers may set the client address through X-Forwarded-For (Fastify's trustProxy): by default those on
 * private networks (PRIVATE_NETWORK_PROXIES), so a client reaching the service from a public address cannot
 * choose the address the per-address limit on wrong keys counts; `true` (any peer), `false` (none: the socket
 * address), a hop count, or addresses/CIDRs.
 */
export function trustProxyOf(raw: string | undefined): boolean | number | string {
  const value = raw?.trim();
  if (!value) return PRIVATE_NETWORK_PROXIES;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return /^\d+$/.test(value) ? Number(value) : value;
}
