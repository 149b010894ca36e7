import type { ResponseCreateParamsBase } from 'openai/resources/responses/responses';
import type { ChatBody } from '../../providers/provider';
import { DoorRequestError } from '../anthropic/door-request.error';

type Json = Record<string, unknown>;
type ChatMessage = Json & { role: string };

/** Fields of a Responses request that have the same name and meaning in a chat completion. */
const SAME_IN_CHAT = ['temperature', 'top_p', 'parallel_tool_calls', 'user', 'service_tier', 'safety_identifier', 'prompt_cache_key', 'stream'] as const;
/**
 * Accepted and without effect on the answer: nothing is stored, every request carries its whole conversation, and
 * the answer echoes `metadata`. Chat completions refuse `metadata` without `store` and `top_logprobs` without
 * `logprobs`, so neither is forwarded.
 */
const IGNORED = new Set(['store', 'include', 'truncation', 'stream_options', 'background', 'metadata', 'top_logprobs']);
const STATEFUL = ['previous_response_id', 'conversation', 'prompt'] as const;
/** Every field this mapper reads or drops; the rest pass through to the vendor. */
const MAPPED = new Set<string>([...SAME_IN_CHAT, ...IGNORED, ...STATEFUL, 'model', 'input', 'instructions', 'max_output_tokens', 'tools', 'tool_choice', 'reasoning', 'text']);
const ROLES = new Set(['user', 'assistant', 'system', 'developer']);

const fail = (field: string, message: string): never => {
  throw new DoorRequestError(field, message);
};
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * An OpenAI Responses API request → the gateway's canonical body (a chat completion), so that `/v1/responses` runs
 * the same path to any vendor. Stateless: the conversation travels in `input` (messages, function calls and their
 * outputs); what needs responses stored server-side (`previous_response_id`, `conversation`, item references) and
 * OpenAI's hosted tools are refused with a 400 that says so. Fields the gateway does not know pass through.
 */
export function responsesToChat(raw: unknown): ChatBody {
  if (!isObject(raw)) fail('body', 'Body must be a JSON object');
  const body = raw as Json & Partial<ResponseCreateParamsBase>;
  if (typeof body.model !== 'string' || !body.model.trim()) fail('model', 'model is required (see GET /v1/models, or use provider/model)');
  for (const field of STATEFUL) {
    if (body[field] !== undefined && body[field] !== null) fail(field, `${field} needs responses stored by the server, which this gateway does not keep: send the whole conversation in input`);
  }
  if (body.background === true) fail('background', 'background responses are not supported: call without background, or stream');

  const messages: ChatMessage[] = [];
  if (body.instructions !== undefined && body.instructions !== null) {
    if (typeof body.instructions !== 'string') fail('instructions', 'instructions must be a string');
    messages.push({ role: 'system', content: body.instructions });
  }
  if (typeof body.input === 'string') messages.push({ role: 'user', content: body.input });
  else if (Array.isArray(body.input)) body.input.forEach((item, i) => addInputItem(messages, item as unknown, `input[${i}]`));
  else fail('input', 'input must be a string or an array of input items');
  if (!messages.some((m) => m.role !== 'system')) fail('input', 'input must hold at least one message');

  const chat: Json = { model: (body.model as string).trim(), messages };
  for (const field of SAME_IN_CHAT) if (body[field] !== undefined) chat[field] = body[field];
  if (body.max_output_tokens !== undefined && body.max_output_tokens !== null) {
    const max = body.max_output_tokens;
    if (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max > 1_000_000) fail('max_output_tokens', 'max_output_tokens must be a whole number from 1 to 1000000');
    chat.max_completion_tokens = max;
  }
  if (body.tools !== undefined) chat.tools = chatTools(body.tools);
  if (body.tool_choice !== undefined) chat.tool_choice = chatToolChoice(body.tool_choice);
  if (isObject(body.reasoning) && body.reasoning.effort) chat.reasoning_effort = body.reasoning.effort;
  Object.assign(chat, chatTextOptions(body.text));
  for (const [field, value] of Object.entries(body)) if (!MAPPED.has(field)) chat[field] = value;
  return chat as ChatBody;
}

function addInputItem(messages: ChatMessage[], item: unknown, where: string): void {
  if (!isObject(item)) return fail(where, `${where} must be an object`);
  const type = item.type ?? 'message';
  if (type === 'message') {
    if (typeof item.role !== 'string' || !ROLES.has(item.role)) fail(`${where}.role`, `${where}.role must be one of ${[...ROLES].join(', ')}`);
    messages.push({ role: item.role as string, content: messageContent(item.content, `${where}.content`) });
  } else if (type === 'function_call') {
    if (typeof item.call_id !== 'string' || typeof item.name !== 'string') fail(where, `${where}: a function_call needs call_id and name`);
    const call = { id: item.call_id, type: 'function', function: { name: item.name, arguments: typeof item.arguments === 'string' ? item.arguments : '{}' } };
    const last = messages.at(-1);
    // Parallel calls are consecutive items; a chat completion holds them on one assistant message.
    if (last?.role === 'assistant') last.tool_calls = [...((last.tool_calls as unknown[]) ?? []), call];
    else messages.push({ role: 'assistant', content: null, tool_calls: [call] });
  } else if (type === 'function_call_output') {
    if (typeof item.call_id !== 'string') fail(where, `${where}: a function_call_output needs call_id`);
    messages.push({ role: 'tool', tool_call_id: item.call_id, content: typeof item.output === 'string' ? item.output : messageContent(item.output, `${where}.output`) });
  } else if (type === 'reasoning') {
    // A vendor's own (often encrypted) reasoning cannot be carried to another vendor; the answer it led to is.
  } else if (type === 'item_reference') {
    fail(where, `${where}: item references need responses stored by the server, which this gateway does not keep`);
  } else {
    fail(`${where}.type`, `${where}: input items of type "${String(type)}" are not supported; use message, function_call and function_call_output`);
  }
}

/** A message's content as a chat completion holds it: a string, or text and image parts. */
function messageContent(content: unknown, where: string): string | Json[] {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return fail(where, `${where} must be a string or an array of content parts`);
  return content.map((part: unknown, i) => {
    const at = `${where}[${i}]`;
    if (!isObject(part)) return fail(at, `${at} must be an object`);
    if (part.type === 'input_text' || part.type === 'output_text') return { type: 'text', text: String(part.text ?? '') };
    if (part.type === 'refusal') return { type: 'text', text: String(part.refusal ?? '') };
    if (part.type === 'input_image') {
      if (typeof part.image_url !== 'string') fail(at, `${at}: only images given by image_url (a URL or a data: URL) are supported, not file_id`);
      return { type: 'image_url', image_url: { url: part.image_url, ...(part.detail ? { detail: part.detail } : {}) } };
    }
    return fail(`${at}.type`, `${at}: content parts of type "${String(part.type)}" are not supported; use input_text and input_image`);
  });
}

function chatTools(tools: unknown): Json[] {
  if (!Array.isArray(tools)) return fail('tools', 'tools must be an array');
  return tools.map((tool: unknown, i) => {
    if (!isObject(tool) || tool.type !== 'function') {
      return fail(
        `tools[${i}]`,
        `tools[${i}]: only function tools are supported here; OpenAI's hosted tools (${isObject(tool) ? String(tool.type) : 'this one'}) run only on OpenAI's own Responses API`,
      );
    }
    if (typeof tool.name !== 'string' || !tool.name) fail(`tools[${i}].name`, `tools[${i}].name is required`);
    const fn: Json = { name: tool.name };
    for (const field of ['description', 'parameters', 'strict'] as const) if (tool[field] !== undefined && tool[field] !== null) fn[field] = tool[field];
    return { type: 'function', function: fn };
  });
}

function chatToolChoice(choice: unknown): unknown {
  if (choice === 'auto' || choice === 'none' || choice === 'required') return choice;
  if (isObject(choice) && choice.type === 'function' && typeof choice.name === 'string') return { type: 'function', function: { name: choice.name } };
  return fail('tool_choice', 'tool_choice must be auto, none, required or {"type": "function", "name": ...}');
}

/** `text.format` (structured output) and `text.verbosity` → `response_format` and `verbosity`. */
function chatTextOptions(text: unknown): Json {
  if (text === undefined || text === null) return {};
  if (!isObject(text)) return fail('text', 'text must be an object');
  const options: Json = {};
  if (text.verbosity !== undefined && text.verbosity !== null) options.verbosity = text.verbosity;
  const format = text.format;
  if (format === undefined || format === null) return options;
  if (!isObject(format)) return fail('text.format', 'text.format must be an object');
  if (format.type === 'text') return options;
  if (format.type === 'json_object') return Object.assign(options, { response_format: { type: 'json_object' } });
  if (format.type === 'json_schema') {
    if (typeof format.name !== 'string' || !isObject(format.schema)) fail('text.format', 'a json_schema format needs name and schema');
    const schema: Json = { name: format.name, schema: format.schema };
    if (format.strict !== undefined && format.strict !== null) schema.strict = format.strict;
    if (typeof format.description === 'string') schema.description = format.description;
    return Object.assign(options, { response_format: { type: 'json_schema', json_schema: schema } });
  }
  return fail('text.format.type', 'text.format.type must be text, json_object or json_schema');
}
