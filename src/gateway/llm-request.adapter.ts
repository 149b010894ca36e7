import type { LlmRequest } from './llm.types';
import { PersonalData, PLACEHOLDER_NOTE } from './privacy/personal-data';
import type { ChatBody } from './providers/provider';
import type { RunOptions } from './request-run';

/**
 * An Odoo feature's request as the canonical (OpenAI Chat Completions) body every target understands; with
 * `personal`, its RUTs and e-mail addresses leave as placeholders, and a note asks the model to quote them as written.
 */
export function toChatBody(request: LlmRequest, personal?: PersonalData): ChatBody {
  const hide = (text: string) => (personal ? personal.hide(text) : text);
  const system = (request.system ?? []).map((block) => ({ role: 'system' as const, content: hide(block.text) }));
  const messages = request.messages.map((m) => ({ role: m.role, content: hide(m.content) }));
  if (personal?.hidden) system.push({ role: 'system', content: PLACEHOLDER_NOTE });
  const body: ChatBody = {
    model: request.model as string,
    messages: [...system, ...messages],
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
