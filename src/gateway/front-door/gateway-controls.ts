import { BadRequestException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Caller } from 'src/common/auth';
import { abortOnClientClose } from 'src/common/http/event-stream';
import type { AppConfig } from 'src/config';
import type { RunOptions } from '../request-run';

/**
 * Per-request controls a proxy caller may set, as headers (`x-gateway-*`, `Cache-Control`) or as body fields
 * LiteLLM's users know (`fallbacks`, `num_retries`, `timeout`, `tags`, `drop_params`, `cache`). The body
 * fields are the gateway's, so they are taken out before the body goes to a vendor.
 */
export const CONTROL_FIELDS = ['fallbacks', 'num_retries', 'timeout', 'tags', 'drop_params', 'cache'] as const;

export interface GatewayControls {
  fallbacks?: string[];
  maxRetries?: number;
  deadlineMs?: number;
  tags?: string[];
  dropUnsupported?: boolean;
  noCache: boolean;
  cacheTtlSeconds?: number;
}

type Headers = Record<string, string | string[] | undefined>;

function header(headers: Headers, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function list(value: unknown, name: string): string[] | undefined {
  if (value === undefined) return undefined;
  const items =
    typeof value === 'string'
      ? value
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : value;
  if (!Array.isArray(items) || items.length > 10 || items.some((s) => typeof s !== 'string' || !s || s.length > 100)) {
    throw new BadRequestException(`${name} must be a list of at most 10 names (a JSON array, or comma-separated in the header)`);
  }
  return items as string[];
}

function integer(value: unknown, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) throw new BadRequestException(`${name} must be a whole number from ${min} to ${max}`);
  return n;
}

function flag(value: unknown, name: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw new BadRequestException(`${name} must be true or false`);
}

const NO_CACHE = /no-cache|no-store/i;

function asksNoCache(value: string | undefined): boolean {
  return value !== undefined && NO_CACHE.test(value);
}

/** Reads the controls from the headers and the body, and removes the body's from what is forwarded. */
export function takeGatewayControls(body: Record<string, unknown>, headers: Headers): GatewayControls {
  const cacheField = body.cache as { 'no-cache'?: unknown; ttl?: unknown } | undefined;
  const timeoutSeconds = integer(body.timeout ?? undefined, 'timeout (seconds)', 1, 600);
  const controls: GatewayControls = {
    fallbacks: list(header(headers, 'x-gateway-fallbacks') ?? body.fallbacks, 'fallbacks'),
    maxRetries: integer(header(headers, 'x-gateway-retries') ?? body.num_retries, 'num_retries / x-gateway-retries', 0, 10),
    deadlineMs: integer(header(headers, 'x-gateway-timeout-ms'), 'x-gateway-timeout-ms', 100, 600_000) ?? (timeoutSeconds ? timeoutSeconds * 1000 : undefined),
    tags: list(header(headers, 'x-gateway-tags') ?? body.tags, 'tags / x-gateway-tags'),
    dropUnsupported: flag(header(headers, 'x-gateway-drop-params') ?? body.drop_params, 'drop_params / x-gateway-drop-params'),
    noCache: asksNoCache(header(headers, 'cache-control')) || asksNoCache(header(headers, 'x-gateway-cache')) || flag(cacheField?.['no-cache'], 'cache.no-cache') === true,
    cacheTtlSeconds: integer(header(headers, 'x-gateway-cache-ttl') ?? cacheField?.ttl, 'cache ttl / x-gateway-cache-ttl', 1, 86_400),
  };
  for (const field of CONTROL_FIELDS) if (field in body) delete body[field];
  return controls;
}

/** The run options of a proxy request: no offline answer unless the operator enabled it. */
export function proxyRunOptions(operation: string, controls: GatewayControls, config: AppConfig, base: DoorCaller): RunOptions {
  return {
    caller: base.caller,
    correlationId: base.correlationId,
    signal: base.signal,
    receivedAt: base.receivedAt,
    operation,
    fallbacks: controls.fallbacks,
    maxRetries: controls.maxRetries,
    deadlineMs: controls.deadlineMs,
    tags: controls.tags,
    offline: config.llm.proxyOfflineAnswers,
    dropUnsupported: controls.dropUnsupported ?? config.llm.dropUnsupportedParams,
    cache: { enabled: !controls.noCache, ttlSeconds: controls.cacheTtlSeconds },
  };
}

type DoorCaller = Pick<RunOptions, 'caller' | 'correlationId' | 'signal' | 'receivedAt'>;

/** Who calls a door: the key and its first company, the caller's X-Request-Id for correlation, a signal for a client leaving, and when the request arrived. */
export function doorCaller(caller: Caller, req: FastifyRequest, reply: FastifyReply): DoorCaller {
  const correlation = req.headers['x-request-id'];
  return {
    caller: { apiKeyName: caller.keyName, companyId: caller.companies?.[0] ?? null },
    correlationId: typeof correlation === 'string' ? correlation.slice(0, 200) : undefined,
    signal: abortOnClientClose(reply),
    receivedAt: performance.now() - reply.elapsedTime,
  };
}
