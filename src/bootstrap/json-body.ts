import type { Server } from 'node:http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { RequestValidationError } from 'src/common/errors';

/** A JSON escape of a UTF-16 surrogate: the only way a lone one can reach a parsed body (bad UTF-8 bytes decode to U+FFFD). */
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F][0-9a-fA-F]{2}/;

/**
 * The JSON body parser of every route: Fastify's own (prototype poisoning refused), plus two rules at the edge.
 * An empty body with `Content-Type: application/json` is no body, as Python's `requests` sends it on a DELETE;
 * routes that need one still answer 400 from validation. A string holding a lone UTF-16 surrogate (`"\ud800"`)
 * is refused with 400 naming the field, before it can reach Postgres, a vendor or a log line.
 */
export function useJsonBodyParser(app: NestFastifyApplication, bodyLimit: number): void {
  const fastify = app.getHttpAdapter().getInstance();
  const parse = fastify.getDefaultJsonParser('error', 'error');
  app.useBodyParser<Server>('application/json', { bodyLimit }, (request, raw, done) => {
    const text = raw.toString('utf8');
    if (text === '') return done(null, undefined);
    const checked = (error: Error | null, value: unknown) => {
      if (error) return done(error, undefined);
      const field = SURROGATE_ESCAPE.test(text) ? firstIllFormedString(value) : undefined;
      if (field === undefined) return done(null, value);
      done(new RequestValidationError([{ field, problems: ['contains a lone UTF-16 surrogate (an unpaired \\uD800-\\uDFFF escape); send well-formed Unicode'] }]), undefined);
    };
    const plain = cannotPoisonPrototypes(text) ? plainParse(text) : undefined;
    if (plain !== undefined) return checked(null, plain);
    parse(request, text, checked);
  });
}

/**
 * Whether the text cannot name `__proto__` or `constructor` as a key: neither word is in it, nor an escape of an
 * ASCII letter or underscore (\u0050-\u007F) that could spell one. Such a text parses as secure-json-parse would
 * parse it (its two pattern scans, which try a match at every quote, only refuse texts that name them).
 */
export function cannotPoisonPrototypes(text: string): boolean {
  return !text.includes('proto') && !text.includes('constructor') && !LETTER_ESCAPE.test(text);
}

const LETTER_ESCAPE = /\\u00[5-7]/;

/** JSON.parse's value (never undefined for a JSON text), or undefined when it throws (Fastify's parser then answers with its own error). */
function plainParse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** With the u flag a paired surrogate reads as one code point, so only a lone one is in category Cs. */
const LONE_SURROGATE = /\p{Cs}/u;

/** The path of the first string (key or value) that is not well-formed UTF-16, or undefined; iterative, so any depth is safe. */
export function firstIllFormedString(value: unknown): string | undefined {
  const pending: [unknown, string][] = [[value, '']];
  while (pending.length > 0) {
    const [node, path] = pending.pop()!;
    if (typeof node === 'string') {
      if (LONE_SURROGATE.test(node)) return path || 'body';
      continue;
    }
    if (node === null || typeof node !== 'object') continue;
    for (const [key, child] of Object.entries(node)) {
      const childPath = Array.isArray(node) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
      if (LONE_SURROGATE.test(key)) return childPath;
      pending.push([child, childPath]);
    }
  }
  return undefined;
}
