import { appendFileSync } from 'node:fs';
import fc from 'fast-check';
import { authHeaders, type FuzzApp } from './fuzz-app';
import { fuzzRequests, type FuzzContext, type FuzzRequest } from './fuzz-request';
import type { FuzzRoute } from './openapi-routes';
import { knownIssueFor } from './known-issues';
import { HangError, sendRaw, sendTrickled, type RawResponse } from './raw-http';
import { responseProblems } from './response-checks';

/** Per-request client timeout: a slower answer counts as a hang. */
export const REQUEST_TIMEOUT_MS = 10_000;

/** Sends one fuzz request with its credentials and content type. */
export function send(fuzz: FuzzApp, req: FuzzRequest): Promise<RawResponse> {
  const headers = { ...authHeaders(req.auth), ...(req.contentType ? { 'content-type': req.contentType } : {}), ...req.headers };
  return sendRaw(fuzz.origin, { method: req.method, target: req.target, headers, body: req.body }, REQUEST_TIMEOUT_MS);
}

/** What one route's probe found: skipped (not mounted) or how it authenticates. */
export type RouteProbe = { skipped: true } | { skipped: false; protectedRoute: boolean; adminRoute: boolean };

const filled = (route: FuzzRoute) => route.path.replace(/\{(\w+)\}/g, (_, n: string) => ({ period: '2026-03', provider: 'openai' })[n] ?? 'fuzz-probe');

/** Sends the documented example without a key and with the normal key to learn whether the route is mounted and guarded. */
export async function probeRoute(fuzz: FuzzApp, route: FuzzRoute): Promise<RouteProbe> {
  const body = route.bodySchema ? JSON.stringify(route.bodyExamples[0] ?? {}) : undefined;
  const base = { category: 'probe', method: route.method, target: filled(route), body, contentType: body ? 'application/json' : undefined };
  const anonymous = await send(fuzz, { ...base, auth: 'none' });
  const withKey = await send(fuzz, { ...base, auth: 'key' });
  const notMounted = (res: RawResponse) => res.status === 404 && /Cannot|not found|Route/i.test(res.body.toString()) && !route.documented;
  if (notMounted(anonymous) && notMounted(withKey)) return { skipped: true };
  const adminRoute = withKey.status === 403;
  return { skipped: false, protectedRoute: anonymous.status === 401, adminRoute };
}

/** A reproducible summary of a failing request (method, target, credentials, content type, body head). */
export function describeRequest(req: FuzzRequest): string {
  const body = req.body === undefined ? '' : req.body.toString();
  const shown = body.length > 600 ? `${body.slice(0, 600)}… (${body.length} chars)` : body;
  return `${req.method} ${req.target.slice(0, 300)} [${req.category}; auth=${req.auth}; content-type=${req.contentType ?? 'none'}${req.headers ? `; headers=${JSON.stringify(req.headers).slice(0, 200)}` : ''}] body=${JSON.stringify(shown)}`;
}

/** Stable per-route seed derived from the base seed, so adding routes does not change other routes' inputs. */
export function routeSeed(baseSeed: number, route: FuzzRoute): number {
  let hash = baseSeed | 0;
  for (const ch of `${route.method} ${route.path}`) hash = (Math.imul(hash, 31) + ch.charCodeAt(0)) | 0;
  return hash;
}

/** Known issues seen during a run: id → how often, and the first reproducer. */
export type KnownHits = Map<string, { count: number; reproducer: string }>;

/** Sends one request and throws a reproducible description when the answer breaks a rule (known issues are only counted). */
async function checkOne(fuzz: FuzzApp, ctx: FuzzContext, req: FuzzRequest, known: KnownHits): Promise<void> {
  let res: RawResponse;
  try {
    if (req.trickle) {
      const reply = await checkTrickled(fuzz, ctx, req);
      if (!reply) return;
      res = reply;
    } else res = await send(fuzz, req);
  } catch (error) {
    const what = error instanceof HangError ? `HANG (${error.message})` : `connection error ${(error as Error).message}`;
    throw new Error(`${what}\n  reproducer: ${describeRequest(req)}`);
  }
  const problems = responseProblems(ctx.route, req, res, fuzz.secrets);
  if (problems.length && process.env.FUZZ_DUMP) appendFileSync(process.env.FUZZ_DUMP, `${JSON.stringify({ req: { ...req, body: req.body?.toString() }, status: res.status, problems })}\n`);
  const issue = problems.length ? knownIssueFor(ctx.route, req, res) : undefined;
  if (issue) {
    const hit = known.get(issue.id) ?? { count: 0, reproducer: `HTTP ${res.status} ${describeRequest(req)}` };
    known.set(issue.id, { ...hit, count: hit.count + 1 });
    return;
  }
  if (problems.length) {
    throw new Error(`HTTP ${res.status}: ${problems.join('; ')}\n  reproducer: ${describeRequest(req)}\n  answer: ${res.body.toString().slice(0, 400)}`);
  }
}

/**
 * Sends a trickled body. Over HTTP_BODY_TIMEOUT_MS it must be cut (408 or a closed connection) soon after the timeout;
 * within it, the answer is returned for the usual checks.
 */
async function checkTrickled(fuzz: FuzzApp, ctx: FuzzContext, req: FuzzRequest): Promise<RawResponse | undefined> {
  const trickle = req.trickle!;
  const headers = { ...authHeaders(req.auth), ...(req.contentType ? { 'content-type': req.contentType } : {}) };
  const outcome = await sendTrickled(fuzz.origin, { method: req.method, target: req.target, headers, body: req.body ?? '' }, trickle, REQUEST_TIMEOUT_MS + trickle.pieces * trickle.intervalMs);
  if (!trickle.overLimit) {
    if (outcome.kind === 'cut') throw new Error(`a client within HTTP_BODY_TIMEOUT_MS was cut after ${outcome.afterMs} ms`);
    return outcome.response;
  }
  // Node checks the timeout on a timer (connectionsCheckingInterval), and a loaded machine runs it late.
  const cutInTime = outcome.afterMs < ctx.bodyTimeoutMs + 6_000;
  if ((outcome.kind === 'cut' || outcome.response.status === 408) && cutInTime) return undefined;
  throw new Error(`a body slower than HTTP_BODY_TIMEOUT_MS (${ctx.bodyTimeoutMs} ms) ended ${outcome.kind === 'cut' ? 'cut' : `with ${outcome.response.status}`} after ${outcome.afterMs} ms`);
}

/** Runs `numRuns` generated requests against one route; resolves to the number sent or rejects with the counterexample. */
export async function fuzzRoute(fuzz: FuzzApp, ctx: FuzzContext, numRuns: number, seed: number, known: KnownHits): Promise<number> {
  let sent = 0;
  const property = fc.asyncProperty(fuzzRequests(ctx), (req) => {
    sent++;
    return checkOne(fuzz, ctx, req, known);
  });
  try {
    await fc.assert(property, { numRuns, seed, endOnFailure: true });
  } catch (error) {
    // fast-check's own report repeats the whole (possibly megabyte-long) request; keep its seed line and our reproducer.
    const e = error as Error;
    throw new Error(`${e.message.split('\n').slice(0, 2).join(' ')}\n  ${(e.cause as Error | undefined)?.message ?? e.message.slice(0, 2000)}`);
  }
  return sent;
}
