import type { LlmRequest } from './llm.types';
import type { ChatBody } from './providers/provider';
import type { RunOptions } from './request-run';

/** An Odoo feature's request as the canonical (OpenAI Chat Completions) body every target understands. */
export function toChatBody(request: LlmRequest): ChatBody {
  const system = (request.system ?? []).map((block) => ({ role: 'system' as const, content: block.text }));
  const body: ChatBody = {
    model: request.model as string,
    messages: [...system, ...request.messages.map((m) => ({ role: m.role, content: m.content }))],
  };
  if (request.maxTokens !== undefined) body.max_tokens = request.maxTokens;
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.json) body.response_format = { type: 'json_object' };
  return body;
}

/** Odoo's features always end with their deterministic answer, and may use the response cache. */
export function toRunOptions(request: LlmRequest): RunOptions {
  return {
    operation: request.operation,
    caller: request.caller,
    correlationId: request.requestId,
    signal: request.signal,
    deadlineMs: request.deadlineMs,
    offline: request.offline ? () => request.offline!(request) : true,
    dropUnsupported: true,
    cache: { enabled: !request.noCache },
  };
}
