import { BadRequestException } from '@nestjs/common';
import type { LlmMessage, LlmRequest, LlmResult, SystemBlock } from '../llm.types';

interface WireMessage {
  role?: unknown;
  content?: unknown;
}

export interface WireRequest {
  model?: unknown;
  messages?: unknown;
  max_tokens?: unknown;
  max_completion_tokens?: unknown;
  temperature?: unknown;
  stream?: unknown;
  response_format?: { type?: unknown };
  user?: unknown;
}

function text(content: unknown, index: number): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((part: { type?: unknown; text?: unknown }) => {
        if (part?.type === 'text' && typeof part.text === 'string') return part.text;
        throw new BadRequestException(`messages[${index}].content: only text parts are supported`);
      })
      .join('');
  }
  throw new BadRequestException(`messages[${index}].content must be a string or an array of text parts`);
}

function optionalNumber(value: unknown, name: string, min: number, max: number): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) throw new BadRequestException(`${name} must be a number between ${min} and ${max}`);
  return value;
}

/** Validates an OpenAI Chat Completions body and maps it to the gateway's request. */
export function fromOpenAiRequest(body: WireRequest, base: Pick<LlmRequest, 'caller' | 'requestId'>): LlmRequest & { stream: boolean } {
  if (!body || typeof body !== 'object') throw new BadRequestException('Body must be a JSON object');
  if (typeof body.model !== 'string' || !body.model.trim()) throw new BadRequestException('model is required (see GET /v1/models, or use provider/model)');
  if (!Array.isArray(body.messages) || body.messages.length === 0) throw new BadRequestException('messages must be a non-empty array');
  const system: SystemBlock[] = [];
  const messages: LlmMessage[] = [];
  (body.messages as WireMessage[]).forEach((m, i) => {
    const content = text(m?.content, i);
    if (m?.role === 'system' || m?.role === 'developer') system.push({ text: content, cache: true });
    else if (m?.role === 'user' || m?.role === 'assistant') messages.push({ role: m.role, content });
    else throw new BadRequestException(`messages[${i}].role must be system, developer, user or assistant`);
  });
  if (messages.length === 0) throw new BadRequestException('messages must contain at least one user message');
  return {
    ...base,
    operation: 'proxy.chat',
    model: body.model.trim(),
    system,
    messages,
    maxTokens: optionalNumber(body.max_completion_tokens ?? body.max_tokens, 'max_tokens', 1, 200_000),
    temperature: optionalNumber(body.temperature, 'temperature', 0, 2),
    json: body.response_format?.type === 'json_object' || body.response_format?.type === 'json_schema',
    stream: body.stream === true,
  };
}

const FINISH: Record<string, string> = { stop: 'stop', length: 'length', content_filter: 'content_filter', tool_calls: 'tool_calls', error: 'stop', offline: 'stop' };

function usage(result: LlmResult) {
  const prompt = result.usage.input + result.usage.cacheRead + result.usage.cacheWrite;
  return {
    prompt_tokens: prompt,
    completion_tokens: result.usage.output,
    total_tokens: prompt + result.usage.output,
    prompt_tokens_details: { cached_tokens: result.usage.cacheRead },
    completion_tokens_details: { reasoning_tokens: result.usage.reasoning },
  };
}

/** Our result as an OpenAI chat.completion, plus an `x_gateway` block with provider, cost and attempts. */
export function toOpenAiResponse(result: LlmResult, created = Math.floor(Date.now() / 1000)) {
  return {
    id: `chatcmpl-${result.requestId}`,
    object: 'chat.completion',
    created,
    model: result.model,
    choices: [{ index: 0, message: { role: 'assistant', content: result.text, refusal: null }, finish_reason: FINISH[result.finishReason] ?? 'stop', logprobs: null }],
    usage: usage(result),
    x_gateway: gatewayInfo(result),
  };
}

export function gatewayInfo(result: LlmResult) {
  return { provider: result.provider, cost_usd: result.costUsd, attempts: result.attempts, used_fallback: result.usedFallback, cached: result.cached, latency_ms: result.latencyMs };
}

/** One streaming chunk in OpenAI's chat.completion.chunk shape. */
export function toOpenAiChunk(id: string, model: string, created: number, delta: { role?: string; content?: string }, finish: string | null = null, result?: LlmResult) {
  return {
    id: `chatcmpl-${id}`,
    object: 'chat.completion.chunk',
    created,
    model,
    choices: finish === null && !delta.content && !delta.role && result ? [] : [{ index: 0, delta, finish_reason: finish, logprobs: null }],
    ...(result ? { usage: usage(result), x_gateway: gatewayInfo(result) } : {}),
  };
}

/** OpenAI's error body (what the SDKs parse), with our standard fields beside it. */
export function toOpenAiError(status: number, message: string, requestId: string) {
  const type = status === 401 || status === 403 ? 'authentication_error' : status === 429 ? 'rate_limit_error' : status >= 500 ? 'api_error' : 'invalid_request_error';
  return { error: { message, type, param: null, code: null }, statusCode: status, message, requestId };
}
