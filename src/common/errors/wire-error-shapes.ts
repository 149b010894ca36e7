import type { ErrorBody } from './error-body';

export type WireShape = 'openai' | 'anthropic';

/**
 * Which vendor's error shape a path answers in: the Anthropic door, the OpenAI doors, or ours. `/v1/models`, which
 * both vendors' SDKs call, answers an Anthropic client (it sends `anthropic-version`) in Anthropic's.
 */
export function wireShapeOf(url: string | undefined, headers: Record<string, unknown> = {}): WireShape | undefined {
  if (!url || (!url.startsWith('/v1/') && url !== '/v1')) return undefined;
  if (url.startsWith('/v1/messages')) return 'anthropic';
  return url.startsWith('/v1/models') && isAnthropicClient(headers) ? 'anthropic' : 'openai';
}

/** Whether a request comes from an Anthropic client (its SDKs send `anthropic-version` on every call). */
export function isAnthropicClient(headers: Record<string, unknown>): boolean {
  return headers['anthropic-version'] !== undefined;
}

const OPENAI_TYPES: Record<number, string> = { 401: 'authentication_error', 403: 'permission_error', 404: 'not_found_error', 429: 'rate_limit_error' };
const ANTHROPIC_TYPES: Record<number, string> = { 401: 'authentication_error', 403: 'permission_error', 404: 'not_found_error', 413: 'request_too_large', 429: 'rate_limit_error' };

/**
 * Our error body in the shape the caller's SDK parses (OpenAI's `{error: {message, type, param, code}}` or
 * Anthropic's `{type: "error", error: {type, message}}`), keeping our own fields beside it.
 */
export function inWireShape(shape: WireShape, body: ErrorBody): Record<string, unknown> {
  const status = body.statusCode;
  if (shape === 'anthropic') {
    const type = ANTHROPIC_TYPES[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
    return { type: 'error', error: { type, message: body.message }, request_id: body.requestId };
  }
  // A refusal that names its own stable code (model_not_allowed, key_rate_limited, budget_exhausted) keeps it.
  const ownCode = typeof body.context?.code === 'string' ? body.context.code : undefined;
  const type = ownCode === 'budget_exhausted' ? 'insufficient_quota' : (OPENAI_TYPES[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error'));
  const code = ownCode ?? (status === 401 ? 'invalid_api_key' : status === 429 ? 'rate_limit_exceeded' : status === 404 ? 'not_found' : null);
  const param = body.details?.[0]?.field ?? null;
  const { error: _reason, ...ours } = body;
  return Object.assign({}, ours, { error: { message: body.message, type, param, code } });
}
