import fc from 'fast-check';
import type { FuzzRequest } from './fuzz-request';
import type { FuzzRoute } from './openapi-routes';

/** Lone surrogates, written as JSON escapes: `JSON.stringify` keeps them (ES2019 well-formed stringify). */
const LONE_SURROGATES = ['\ud800', '\udbff', '\udc00', '\udfff', '\ud83d', 'a\ude00b', '\ud800\ud800'];

/** Bytes that are not UTF-8 (a CESU-8 surrogate, a truncated sequence, overlongs): they decode to U+FFFD. */
const BAD_UTF8 = [Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xe2, 0x82]), Buffer.from([0xc0, 0xaf]), Buffer.from([0xff, 0xfe])];

type Base = Pick<FuzzRequest, 'method' | 'auth'>;

/** Replaces every string value (and, when `inKeys`, every key) of the example with itself plus `extra`. */
function withEveryString(example: unknown, extra: string, inKeys: boolean): { text: string; touched: boolean } {
  let touched = false;
  const text = JSON.stringify(example, function (_key, value: unknown) {
    if (typeof value === 'string') {
      touched = true;
      return `${value}${extra}`;
    }
    if (inKeys && value && typeof value === 'object' && !Array.isArray(value)) {
      touched = touched || Object.keys(value).length > 0;
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [`${k}${extra}`, v]));
    }
    return value;
  });
  return { text, touched };
}

/**
 * Invalid UTF-16 and UTF-8 in bodies: a lone surrogate anywhere must be answered 400 (never 500), invalid UTF-8 bytes
 * read as U+FFFD and get any 4xx or a correct 2xx.
 */
export function invalidTextBodies(route: FuzzRoute, base: Base, target: string): fc.Arbitrary<FuzzRequest> {
  const lone = fc.tuple(fc.constantFrom(...route.bodyExamples), fc.constantFrom(...LONE_SURROGATES), fc.boolean()).map(([example, surrogate, inKeys]) => {
    const { text, touched } = withEveryString(example, surrogate, inKeys);
    return { ...base, category: 'invalid-utf16', target, contentType: 'application/json', body: text, ...(touched ? { expectStatus: [400] } : {}) };
  });
  const bytes = fc.tuple(fc.constantFrom(...route.bodyExamples), fc.constantFrom(...BAD_UTF8)).map(([example, bad]) => {
    const marker = '\u0007BAD\u0007';
    const text = withEveryString(example, marker, false).text;
    const body = Buffer.concat(text.split(JSON.stringify(marker).slice(1, -1)).flatMap((part, i) => (i ? [bad, Buffer.from(part)] : [Buffer.from(part)])));
    return { ...base, category: 'invalid-utf8', target, contentType: 'application/json', body };
  });
  return fc.oneof(lone, bytes);
}

/** Model names no catalog has: random, vendor-prefixed, with control characters and quotes. They may cost a call, never a 5xx or a metric series. */
export function inventedModels(route: FuzzRoute, base: Base, target: string): fc.Arbitrary<FuzzRequest> | undefined {
  const example = route.bodyExamples.find((e): e is Record<string, unknown> => !!e && typeof e === 'object' && 'model' in e);
  if (!example) return undefined;
  const name = fc.oneof(
    fc.string({ minLength: 1, maxLength: 40 }),
    fc.stringMatching(/^[a-z0-9-]{1,30}$/).map((s) => `openai/fuzz-${s}`),
    fc.constantFrom('anthropic/claude-none', 'gemini/x"y', 'openai/a\r\nb', 'groq/\u0000', 'nope/model', '/', 'openai/', 'offline/x', `openai/${'m'.repeat(300)}`),
  );
  return name.map((model) => ({ ...base, category: 'invented-model', target, contentType: 'application/json', body: JSON.stringify({ ...example, model }) }));
}

/** How a slow client sends its body: `pieces` writes `intervalMs` apart; over the limit it must be cut (408 or closed). */
export interface Trickle {
  pieces: number;
  intervalMs: number;
  overLimit: boolean;
}

/**
 * A body trickled in pieces. Mostly within HTTP_BODY_TIMEOUT_MS (answered as if sent at once); one in five slower
 * than it, which must be cut with 408 or a closed connection, never left open.
 */
export function slowBodies(route: FuzzRoute, base: Base, target: string, bodyTimeoutMs: number): fc.Arbitrary<FuzzRequest & { trickle: Trickle }> {
  const pace = fc.oneof(
    { weight: 4, arbitrary: fc.record({ pieces: fc.integer({ min: 2, max: 4 }), intervalMs: fc.integer({ min: 10, max: Math.floor(bodyTimeoutMs / 30) }) }) },
    { weight: 1, arbitrary: fc.constant({ pieces: 3, intervalMs: Math.ceil(bodyTimeoutMs * 0.6) }) },
  );
  return fc.tuple(fc.constantFrom(...route.bodyExamples), pace).map(([example, { pieces, intervalMs }]) => ({
    ...base,
    category: 'slow-body',
    target,
    contentType: 'application/json',
    body: JSON.stringify(example),
    trickle: { pieces, intervalMs, overLimit: pieces * intervalMs > bodyTimeoutMs },
  }));
}
