import { CanActivate, ExecutionContext, ForbiddenException, HttpException, HttpStatus, Injectable, Optional, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { hash, timingSafeEqual } from 'node:crypto';
import { AppConfig } from 'src/config';
import { AuthFailureLimiter } from './auth-failure-limiter';
import { ACTS_ON_EVERY_COMPANY, IS_ADMIN, IS_PUBLIC } from './auth.decorators';
import type { Caller } from './caller';
import { CallerDirectory, DirectoryLookup } from './caller-directory';

/** A key was presented but matches none: 403 for the Odoo routes, 401 in the OpenAI/Anthropic shapes under /v1. */
export class InvalidApiKeyException extends ForbiddenException {
  readonly invalidKey = true;

  constructor() {
    super('Invalid API key');
  }
}

interface RouteMarks {
  isPublic: boolean;
  isAdmin: boolean;
  everyCompany: boolean;
}

interface KeyDigest {
  digest: Buffer;
  caller: Caller;
}

/** One-shot SHA-256 (crypto.hash, no Hash object): half the cost of createHash().update().digest() per request. */
const digest = (key: string) => hash('sha256', key, 'buffer');

/** Whether two strings are equal, in a time that depends on their length only. */
function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}

/**
 * The last key each connection presented, with its digest, kept while the connection lives: a keep-alive client sends
 * the same key on every request, and its SHA-256 was the largest single cost of authenticating one (~2-4 µs). Nothing
 * about what the key may do is kept: whether it is configured, or a managed key's status, is looked up on every
 * request. The comparison takes the same time wherever the keys differ, as a connection a proxy shares between
 * callers compares one caller's key to another's.
 */
class ConnectionDigests {
  private readonly last = new WeakMap<object, { key: string; digest: Buffer }>();

  of(key: string, connection: object | undefined): Buffer {
    if (!connection) return digest(key);
    const last = this.last.get(connection);
    if (last && sameText(last.key, key)) return last.digest;
    const fresh = digest(key);
    this.last.set(connection, { key, digest: fresh });
    return fresh;
  }
}

/**
 * Bearer-key authentication as the Odoo addons send it: 401 without a key (an empty `Bearer` included), 403 with
 * a wrong one, 429 with Retry-After once an address has sent too many wrong keys. Routes are public only when
 * marked `@Public()`. Keys are compared as SHA-256 digests with timingSafeEqual, against every configured key;
 * keys managed at runtime come from the CallerDirectory's cache, and a disabled or expired one is refused with 401.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly keys: KeyDigest[];
  private readonly marks = new WeakMap<object, RouteMarks>();
  private readonly digests = new ConnectionDigests();

  constructor(
    private readonly reflector: Reflector,
    private readonly failures: AuthFailureLimiter,
    config: AppConfig,
    @Optional() private readonly directory?: CallerDirectory,
  ) {
    this.keys = config.auth.keys.map((k) => ({ digest: digest(k.key), caller: { keyName: k.name, companies: k.companies, isAdmin: false } }));
    if (config.auth.adminKey) this.keys.push({ digest: digest(config.auth.adminKey), caller: { keyName: 'admin', companies: null, isAdmin: true } });
  }

  /** Synchronous for a right key from an address whose failure count this replica has read (nearly every request). */
  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    // The request is the first argument of an HTTP context (switchToHttp() builds three closures on every call).
    const request = context.getArgByIndex<FastifyRequest & { caller?: Caller }>(0);
    const marks = this.marksOf(context);
    const presented = bearer(request.headers.authorization) ?? anthropicKey(request.headers['x-api-key']);
    if (marks.isPublic) {
      const found = presented ? this.identify(presented, request.raw?.socket) : undefined;
      if (found?.status === 'active') request.caller = found.caller;
      return true;
    }
    if (!presented) throw new UnauthorizedException('Missing API key: send the header "Authorization: Bearer <key>"');

    const found = this.identify(presented, request.raw?.socket);
    if (!found) return this.refuseWrongKey(context, request.ip);
    const waitMs = this.failures.blockedForMs(request.ip);
    if (typeof waitMs !== 'number') return waitMs.then((ms) => this.admit(context, request, found, marks, ms));
    return this.admit(context, request, found, marks, waitMs);
  }

  private async refuseWrongKey(context: ExecutionContext, address: string): Promise<never> {
    refuseWhileBlocked(context, await this.failures.recordFailure(address));
    throw new InvalidApiKeyException();
  }

  /** A key that matched: refused while its address is blocked, or when disabled, expired or not allowed on the route. */
  private admit(context: ExecutionContext, request: FastifyRequest & { caller?: Caller }, found: NonNullable<DirectoryLookup>, marks: RouteMarks, waitMs: number): boolean {
    refuseWhileBlocked(context, waitMs);
    if (found.status !== 'active') throw new UnauthorizedException(`API key "${found.keyName}" is ${found.status}: ask an administrator for a valid key`);
    const caller = found.caller;
    request.caller = caller;
    if (marks.isAdmin && !caller.isAdmin) throw new ForbiddenException('This route needs the admin key (ADMIN_API_KEY)');
    if (marks.everyCompany && caller.companies !== null) {
      throw new ForbiddenException('This route acts for every company; a key bound to companies cannot call it');
    }
    return true;
  }

  /** A route's @Public / @AdminOnly / every-company marks, read once per route handler (decorators do not change at run time). */
  private marksOf(context: ExecutionContext): RouteMarks {
    const handler = context.getHandler();
    let marks = this.marks.get(handler);
    if (!marks) {
      const marked = (flag: string) => this.reflector.getAllAndOverride<boolean>(flag, [handler, context.getClass()]) === true;
      marks = { isPublic: marked(IS_PUBLIC), isAdmin: marked(IS_ADMIN), everyCompany: marked(ACTS_ON_EVERY_COMPANY) };
      this.marks.set(handler, marks);
    }
    return marks;
  }

  private identify(key: string, connection: object | undefined): DirectoryLookup {
    const presented = this.digests.of(key, connection);
    let found: Caller | undefined;
    // Compare against every key so the time taken does not reveal which one matched.
    for (const candidate of this.keys) {
      if (timingSafeEqual(candidate.digest, presented) && !found) found = candidate.caller;
    }
    if (found) return { status: 'active', caller: found };
    return this.directory?.lookup(presented.toString('hex'));
  }
}

/** 429 with Retry-After while the address is blocked for sending too many wrong keys. */
function refuseWhileBlocked(context: ExecutionContext, waitMs: number): void {
  if (waitMs <= 0) return;
  void context
    .switchToHttp()
    .getResponse<FastifyReply>()
    .header('retry-after', String(Math.ceil(waitMs / 1000)));
  throw new HttpException('Too many wrong API keys from this address; retry after the time in the Retry-After header', HttpStatus.TOO_MANY_REQUESTS);
}

/** The key of `Authorization: Bearer <key>`; undefined for a missing header, an empty key or another scheme. */
function bearer(header: string | undefined): string | undefined {
  const match = header ? /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header) : null;
  return match ? match[1] : undefined;
}

/** Anthropic's SDKs send the key as `x-api-key`. */
function anthropicKey(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  return value?.trim() || undefined;
}
