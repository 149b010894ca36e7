import type { ChatCompletion } from 'openai/resources/chat/completions';
import type { CompletionUsage } from 'openai/resources/completions';
import type { ResponseUsage } from 'openai/resources/responses/responses';

type Json = Record<string, unknown>;

/** What an answer echoes of its request (OpenAI's Response object repeats the settings it ran with). */
export interface ResponseEcho {
  requestId: string;
  createdAt: number;
  model: string;
  request: Json;
}

/** `resp_…`, `msg_…`, `fc_…`: OpenAI's id shapes, made from the gateway's request id so one request's ids agree. */
export function responseIds(requestId: string) {
  const hex = requestId.replace(/-/g, '');
  return { response: `resp_${hex}`, message: `msg_${hex}`, functionCall: (index: number) => `fc_${hex}_${index}` };
}

export function responseUsage(usage: CompletionUsage | null | undefined): ResponseUsage {
  const input = usage?.prompt_tokens ?? 0;
  const output = usage?.completion_tokens ?? 0;
  return {
    input_tokens: input,
    input_tokens_details: {
      cached_tokens: usage?.prompt_tokens_details?.cached_tokens ?? 0,
      cache_write_tokens: (usage?.prompt_tokens_details as { cache_write_tokens?: number } | undefined)?.cache_write_tokens ?? 0,
    },
    output_tokens: output,
    output_tokens_details: { reasoning_tokens: usage?.completion_tokens_details?.reasoning_tokens ?? 0 },
    total_tokens: input + output,
  };
}

/** Status and incomplete_details from the chat finish reason: cut by the token limit or a content filter is "incomplete". */
export function responseStatus(finishReason: string | null | undefined): { status: 'completed' | 'incomplete'; incomplete_details: { reason: string } | null } {
  if (finishReason === 'length') return { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } };
  if (finishReason === 'content_filter') return { status: 'incomplete', incomplete_details: { reason: 'content_filter' } };
  return { status: 'completed', incomplete_details: null };
}

/** The Response object's fields around `output`, as OpenAI returns them (settings echoed, nothing stored). */
export function responseEnvelope(echo: ResponseEcho, status: string): Json {
  const r = echo.request;
  return {
    id: responseIds(echo.requestId).response,
    object: 'response',
    created_at: echo.createdAt,
    status,
    background: false,
    error: null,
    incomplete_details: null,
    instructions: r.instructions ?? null,
    max_output_tokens: r.max_output_tokens ?? null,
    metadata: r.metadata ?? {},
    model: echo.model,
    output: [],
    parallel_tool_calls: r.parallel_tool_calls ?? true,
    previous_response_id: null,
    reasoning: { effort: (r.reasoning as Json | undefined)?.effort ?? null, summary: null },
    service_tier: r.service_tier ?? 'default',
    store: false,
    temperature: r.temperature ?? 1,
    text: r.text ?? { format: { type: 'text' } },
    tool_choice: r.tool_choice ?? 'auto',
    tools: r.tools ?? [],
    top_p: r.top_p ?? 1,
    truncation: 'disabled',
    usage: null,
    user: r.user ?? null,
  };
}

/** A chat completion (the gateway's canonical answer) as a Response: a message item, then one item per function call. */
export function chatToResponse(completion: ChatCompletion, echo: ResponseEcho): Json {
  const choice = completion.choices[0];
  const message = choice?.message;
  const ids = responseIds(echo.requestId);
  const output: Json[] = [];
  const content: Json[] = [];
  if (message?.content) content.push({ type: 'output_text', text: message.content, annotations: [], logprobs: [] });
  if (message?.refusal) content.push({ type: 'refusal', refusal: message.refusal });
  if (content.length || !message?.tool_calls?.length) output.push({ type: 'message', id: ids.message, status: 'completed', role: 'assistant', content });
  message?.tool_calls?.forEach((call, index) => {
    if (call.type !== 'function') return;
    output.push({ type: 'function_call', id: ids.functionCall(index), call_id: call.id, name: call.function.name, arguments: call.function.arguments, status: 'completed' });
  });
  const { status, incomplete_details } = responseStatus(choice?.finish_reason);
  return Object.assign(responseEnvelope(echo, status), { incomplete_details, output, usage: responseUsage(completion.usage) });
}
