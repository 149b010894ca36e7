import fc from 'fast-check';
import { BAD_PERIODS, hostileSegment, hostileString, UNICODE_EDGES } from './hostile-strings';
import { anyJson, deepNesting, mutatedBody } from './json-mutations';
import { invalidTextBodies, inventedModels, slowBodies, type Trickle } from './edge-generators';
import type { FuzzRoute } from './openapi-routes';

/** Which credentials a request carries. */
export type AuthMode = 'key' | 'admin' | 'none' | 'wrong' | 'garbled';

/** One malformed request, ready to send over a raw socket. */
export interface FuzzRequest {
  category: string;
  method: string;
  /** Request line target, already percent-encoded where needed. */
  target: string;
  contentType?: string;
  body?: string | Buffer;
  auth: AuthMode;
  headers?: Record<string, string>;
  /** Statuses the request must get (otherwise any 4xx or a correct 2xx). */
  expectStatus?: number[];
  /** Send the body slowly, in pieces. */
  trickle?: Trickle;
}

/** What the generators need to know about the running app and the route. */
export interface FuzzContext {
  route: FuzzRoute;
  bodyLimitBytes: number;
  /** The route answers 401/403 without a valid key. */
  protectedRoute: boolean;
  /** The route needs the admin key. */
  adminRoute: boolean;
  /** HTTP_BODY_TIMEOUT_MS of the app under test. */
  bodyTimeoutMs: number;
}

const VALID_PARAM: Record<string, string> = { period: '2026-03', provider: 'openai', id: 'fuzz-doc' };

function fillPath(route: FuzzRoute, values: Record<string, string> = {}): string {
  return route.path.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? VALID_PARAM[name] ?? 'x');
}

const exampleText = (route: FuzzRoute) => (route.bodyExamples.length ? fc.constantFrom(...route.bodyExamples.map((e) => JSON.stringify(e))) : fc.constant('{}'));

const MALFORMED_JSON = [
  '{"model": ',
  '{',
  '}',
  '[',
  '{"a":1,}',
  "{'a':1}",
  '{a:1}',
  '{"a":NaN}',
  '{"a":Infinity}',
  '{"a":undefined}',
  '{"a":01}',
  '{"a":1} {"b":2}',
  '/* c */ {}',
  '\ufeff{}',
  '{"a":"\\x41"}',
  '{"a":"unterminated}',
  '"\\ud800',
  'nul',
  'tru',
  '\u0000',
  '{"a":1',
  '   ',
  '\n',
];

const WRONG_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/jsonx',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'application/vnd.api+json',
  '*/*',
  'application/octet-stream',
  'json',
  'text/event-stream',
];

/** Query strings with arrays, duplicates, junk encodings and wrong types for documented parameters. */
const queryJunk = (route: FuzzRoute): fc.Arbitrary<string> => {
  const names = [...route.queryParams.map((q) => q.name), 'a', '__proto__[admin]', 'constructor[prototype][x]', ''];
  const value = fc.oneof(hostileSegment(), fc.constantFrom('', '1', '-1', '1e999', 'true', 'yes', '[]', 'null', '2026-13', '9999999999999999999999'));
  const pair = fc.tuple(fc.constantFrom(...names), value, fc.constantFrom('', '[]', '[0]', '[a][b]')).map(([k, v, suffix]) => `${encodeURIComponent(k)}${suffix}=${v}`);
  return fc.oneof(
    fc.array(pair, { minLength: 1, maxLength: 8 }).map((pairs) => pairs.join('&')),
    fc.constantFrom('%ZZ', '=&&==', '&&&', '?', '#frag', 'a=1&a=2&a=3', 'a[]=1&a[]=2', 'a[=1', '%00=%00', `x=${'y'.repeat(6000)}`),
  );
};

const withQuery = (path: string, query: string) => `${path}?${query}`;

/** Every malformed-input generator for one route, weighted so each kind of input shows up in 200 runs. */
export function fuzzRequests(ctx: FuzzContext): fc.Arbitrary<FuzzRequest> {
  const { route } = ctx;
  const auth: AuthMode = ctx.adminRoute ? 'admin' : 'key';
  const base = { method: route.method, auth };
  const path = fillPath(route);
  const hasBody = route.bodySchema !== undefined;
  const json = 'application/json';
  const kinds: fc.WeightedArbitrary<FuzzRequest>[] = [
    {
      weight: 2,
      arbitrary: queryJunk(route).map((q) => ({
        ...base,
        category: 'query',
        target: withQuery(path, q),
        ...(hasBody ? { contentType: json, body: JSON.stringify(route.bodyExamples[0] ?? {}) } : {}),
      })),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.constantFrom<AuthMode>('none', 'wrong', 'garbled'), exampleText(route)).map(([mode, body]) => ({
        ...base,
        category: 'auth',
        auth: mode,
        target: path,
        ...(hasBody ? { contentType: json, body } : {}),
        expectStatus: ctx.protectedRoute ? (mode === 'none' ? [401] : [401, 403]) : undefined,
      })),
    },
    {
      weight: 1,
      arbitrary: fc
        .record({
          id: fc.oneof(
            hostileSegment(),
            fc.string({ maxLength: 200 }).map((s) => s.replace(/[^\x21-\x7e]/g, '_')),
          ),
          accept: fc.constantFrom('*/*', 'text/html', 'application/xml', '', 'application/json;q=0', 'text/event-stream'),
        })
        .map(({ id, accept }) => ({
          ...base,
          category: 'headers',
          target: path,
          headers: { 'x-request-id': id.slice(0, 4000), ...(accept ? { accept } : {}), 'x-forwarded-for': '999.1.1.1, ::ffff:zz' },
          ...(hasBody ? { contentType: json, body: JSON.stringify(route.bodyExamples[0] ?? {}) } : {}),
        })),
    },
  ];
  if (route.pathParams.length) {
    const segment = route.pathParams.includes('period') ? fc.oneof(hostileSegment(), fc.constantFrom(...BAD_PERIODS.map(encodeURIComponent))) : hostileSegment();
    kinds.push({
      weight: 4,
      arbitrary: fc.tuple(...route.pathParams.map(() => segment)).map((values) => ({
        ...base,
        category: 'path',
        target: fillPath(route, Object.fromEntries(route.pathParams.map((p, i) => [p, values[i]]))),
        ...(hasBody ? { contentType: json, body: JSON.stringify(route.bodyExamples[0] ?? {}) } : {}),
      })),
    });
  }
  if (hasBody) {
    const mutated = fc.constantFrom(...route.bodyExamples).chain((example) => mutatedBody(example, route.bodySchema));
    kinds.push(
      { weight: 8, arbitrary: mutated.map((body) => ({ ...base, category: 'schema', target: path, contentType: json, body })) },
      {
        weight: 2,
        arbitrary: fc
          .oneof(
            anyJson().map((v) => JSON.stringify(v) ?? 'null'),
            deepNesting(),
          )
          .map((body) => ({ ...base, category: 'json', target: path, contentType: json, body })),
      },
      {
        weight: 2,
        arbitrary: fc
          .oneof(
            fc.constantFrom(...MALFORMED_JSON),
            exampleText(route).chain((t) => fc.nat({ max: Math.max(0, t.length - 1) }).map((n) => t.slice(0, n))),
          )
          .map((body) => ({ ...base, category: 'malformed', target: path, contentType: json, body })),
      },
      {
        weight: 1,
        arbitrary: fc.tuple(fc.integer({ min: 1, max: ctx.bodyLimitBytes }), fc.constantFrom('string', 'array')).map(([extra, shape]) => {
          const size = ctx.bodyLimitBytes + extra;
          const body = shape === 'string' ? JSON.stringify({ message: 'x'.repeat(size) }) : `[${'1,'.repeat(size / 2)}1]`;
          return { ...base, category: 'too-large', target: path, contentType: json, body, expectStatus: [413] };
        }),
      },
      {
        weight: 1,
        arbitrary: fc
          .tuple(fc.constantFrom(...route.bodyExamples), fc.integer({ min: 1000, max: Math.floor(ctx.bodyLimitBytes / 4) }), fc.constantFrom('x', 'Ñ', '👨‍👩‍👧', '\u0301'))
          .map(([example, n, unit]) => ({
            ...base,
            category: 'long-strings',
            target: path,
            contentType: json,
            body: JSON.stringify(example, (_k, v) => (typeof v === 'string' ? unit.repeat(Math.floor(n / Math.max(1, Buffer.byteLength(unit)))) : v)),
          })),
      },
      {
        weight: 2,
        arbitrary: fc.tuple(fc.constantFrom(...route.bodyExamples), fc.constantFrom(...UNICODE_EDGES), hostileString()).map(([example, edge, other]) => ({
          ...base,
          category: 'unicode',
          target: path,
          contentType: json,
          body: JSON.stringify(example, (_k, v) => (typeof v === 'string' ? `${edge}${v}${other}` : v)),
        })),
      },
      {
        weight: 2,
        arbitrary: fc
          .tuple(fc.option(fc.constantFrom(...WRONG_TYPES), { nil: undefined }), exampleText(route))
          .map(([contentType, body]) => ({ ...base, category: 'content-type', target: path, contentType, body })),
      },
      { weight: 2, arbitrary: invalidTextBodies(route, base, path) },
      { weight: 1, arbitrary: slowBodies(route, base, path, ctx.bodyTimeoutMs) },
    );
    const models = inventedModels(route, base, path);
    if (models) kinds.push({ weight: 3, arbitrary: models });
  } else {
    kinds.push({
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom(json, 'text/plain', ...WRONG_TYPES), anyJson())
        .map(([contentType, v]) => ({ ...base, category: 'body-on-' + route.method.toLowerCase(), target: path, contentType, body: JSON.stringify(v) ?? 'null' })),
    });
  }
  return fc.oneof(...kinds);
}
