import { reasonPhrase } from 'src/common/errors/error-body';
import type { FuzzRequest } from './fuzz-request';
import type { FuzzRoute, Schema } from './openapi-routes';
import type { RawResponse } from './raw-http';

/** Signs of a stack trace or source layout in an answer. */
const STACK_MARKERS = [/\n\s+at \S/, /\bat [\w$.<>]+ \([^)]*:\d+:\d+\)/, /\/src\//, /node_modules/, /\.ts:\d/, /\.js:\d+:\d+/];
const ERROR_KEYS = new Set(['statusCode', 'error', 'message', 'requestId', 'details', 'context']);

/** Problems of `value` against a documented schema; `object` without properties is Swagger's "any" for unions. */
export function shapeProblems(value: unknown, schema: Schema | undefined, at = '$'): string[] {
  if (!schema) return [];
  if (value === null) return schema.nullable || !schema.type ? [] : [`${at} is null`];
  if (schema.enum && !schema.enum.includes(value)) return [`${at} = ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`];
  const type = schema.type ?? (schema.properties ? 'object' : undefined);
  switch (type) {
    case 'string':
      return typeof value === 'string' ? [] : [`${at} is not a string`];
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? [] : [`${at} is not a number`];
    case 'integer':
      return Number.isInteger(value) ? [] : [`${at} is not an integer`];
    case 'boolean':
      return typeof value === 'boolean' ? [] : [`${at} is not a boolean`];
    case 'array':
      return Array.isArray(value) ? value.flatMap((v, i) => shapeProblems(v, schema.items, `${at}[${i}]`)) : [`${at} is not an array`];
    case 'object': {
      if (!schema.properties) return [];
      if (typeof value !== 'object' || Array.isArray(value)) return [`${at} is not an object`];
      const obj = value as Record<string, unknown>;
      const missing = (schema.required ?? []).filter((k) => obj[k] === undefined).map((k) => `${at}.${k} is missing`);
      return [...missing, ...Object.entries(schema.properties).flatMap(([k, s]) => (obj[k] === undefined ? [] : shapeProblems(obj[k], s, `${at}.${k}`)))];
    }
    default:
      return [];
  }
}

/** Problems of a server-sent-event body: it must end with `[DONE]` or a done/error frame. */
export function streamProblems(text: string): string[] {
  const frames = text
    .split(/\n\n/)
    .map((f) => f.trim())
    .filter(Boolean);
  const last = frames.at(-1)?.replace(/^data:\s*/, '') ?? '';
  if (last === '[DONE]') return [];
  try {
    const parsed = JSON.parse(last) as { type?: string; error?: unknown };
    if (parsed.type === 'done' || parsed.type === 'error' || parsed.error !== undefined) return [];
  } catch {
    /* not JSON: reported below */
  }
  return [`event stream does not end with [DONE] or a done/error frame (last frame: ${last.slice(0, 200)})`];
}

/** The OpenAI-compatible routes put OpenAI's `error` object beside the standard fields, so SDKs can parse it. */
const isOpenAiError = (route: FuzzRoute, error: unknown) =>
  route.path.startsWith('/v1/') && typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string';

/** The Anthropic-compatible door answers errors in Anthropic's shape, so its SDK raises its own error classes. */
function anthropicErrorProblems(res: RawResponse, json: any): string[] {
  const problems: string[] = [];
  if (json.type !== 'error') problems.push(`type "${json.type}" is not "error"`);
  if (typeof json.error?.type !== 'string' || typeof json.error?.message !== 'string') problems.push('error.type or error.message is not a string');
  if (typeof json.request_id !== 'string' || res.headers['x-request-id'] !== json.request_id) problems.push('request_id is missing or differs from the x-request-id header');
  const extra = Object.keys(json).filter((k) => !['type', 'error', 'request_id'].includes(k));
  if (extra.length) problems.push(`unexpected keys ${extra.join(', ')}`);
  return problems;
}

function errorBodyProblems(route: FuzzRoute, res: RawResponse, json: any): string[] {
  if (json === undefined) return ['4xx body is not JSON'];
  const problems: string[] = [];
  if (json === null || typeof json !== 'object') return ['4xx body is not an object'];
  if (route.path.startsWith('/v1/messages')) return anthropicErrorProblems(res, json); // messages and messages/count_tokens
  if (json.statusCode !== res.status) problems.push(`statusCode ${json.statusCode} differs from HTTP ${res.status}`);
  if (json.error !== reasonPhrase(res.status) && !isOpenAiError(route, json.error)) problems.push(`error "${json.error}" is not "${reasonPhrase(res.status)}"`);
  if (typeof json.message !== 'string') problems.push('message is not a string');
  if (typeof json.requestId !== 'string' || !json.requestId) problems.push('requestId is missing');
  else if (res.headers['x-request-id'] !== json.requestId) problems.push('requestId differs from the x-request-id header');
  const extra = Object.keys(json).filter((k) => !ERROR_KEYS.has(k));
  if (extra.length) problems.push(`unexpected keys ${extra.join(', ')}`);
  return problems;
}

function leakProblems(req: FuzzRequest, res: RawResponse, text: string, secrets: string[]): string[] {
  const sent = `${req.target}\n${req.body?.toString() ?? ''}\n${Object.values(req.headers ?? {}).join('\n')}`;
  const surfaces = [text, ...Object.entries(res.headers).map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : v}`)];
  const problems: string[] = [];
  for (const surface of surfaces) {
    for (const secret of secrets) if (surface.includes(secret)) problems.push(`leaks the secret ${secret.slice(0, 6)}…`);
    for (const marker of STACK_MARKERS) {
      const found = marker.exec(surface);
      if (found && !sent.includes(found[0])) problems.push(`looks like a stack trace or source path: ${JSON.stringify(surface.slice(Math.max(0, found.index - 60), found.index + 80))}`);
    }
  }
  return problems;
}

/** Everything wrong with one answer: 5xx, unexpected status, non-standard error body, wrong 2xx shape, leaks. */
export function responseProblems(route: FuzzRoute, req: FuzzRequest, res: RawResponse, secrets: string[]): string[] {
  const text = res.body.toString('utf8');
  const type = String(res.headers['content-type'] ?? '');
  let json: unknown;
  if (type.includes('json')) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  const problems = leakProblems(req, res, text, secrets);
  if (req.expectStatus && !req.expectStatus.includes(res.status)) problems.push(`status ${res.status}, expected ${req.expectStatus.join(' or ')}`);
  if (res.status >= 400 && res.status < 500) return [...problems, ...errorBodyProblems(route, res, json)];
  if (res.status < 200 || res.status >= 300) return [...problems, `status ${res.status}`];
  if (type.includes('text/event-stream')) return [...problems, ...streamProblems(text)];
  if (type.includes('json')) {
    if (json === undefined) return [...problems, '2xx body is not valid JSON'];
    const schema = route.responses[String(res.status)] ?? Object.entries(route.responses).find(([s]) => s.startsWith('2'))?.[1];
    return [...problems, ...shapeProblems(json, schema)];
  }
  return problems;
}
