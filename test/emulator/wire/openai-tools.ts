/** OpenAI tool declarations, tool choice and tool-call history, checked with OpenAI's messages and `param`. */
import { type JsonSchema, strictSchemaProblem } from '../features/schema-sample';
import { textOf } from '../reply-builder';
import { BadRequestError, type RequestFeatures, type ToolSpec } from './wire-format';

/** Functions that may be called, the characters they add to the prompt, and the choice. */
export interface ParsedTools {
  specs: ToolSpec[];
  chars: number;
  choice: Pick<RequestFeatures, 'toolMode' | 'forcedTool' | 'parallelTools'>;
}

/** A chat message as far as tool calls go. */
export interface ToolHistoryMessage {
  role?: string;
  content?: unknown;
  tool_calls?: Array<{ id?: string; function?: { name?: string; arguments?: string } }>;
  tool_call_id?: string;
}

type NamedTool = { function?: { name?: string }; custom?: { name?: string } };
type ToolChoice = string | { type?: string; function?: { name?: string }; allowed_tools?: { mode?: string; tools?: NamedTool[] } };

const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

/**
 * `tools` and `tool_choice` as OpenAI takes them: function tools (checked, strict schemas closed), custom tools
 * (accepted, never called), `none` / `auto` / `required`, a named function, or `allowed_tools`.
 */
export function parseTools(body: Record<string, unknown>): ParsedTools {
  const raw = body.tools;
  const declared = Array.isArray(raw) && raw.length > 0;
  if (raw != null && !Array.isArray(raw)) throw new BadRequestError("Invalid type for 'tools': expected an array of objects.", 'tools');
  if (body.tool_choice != null && !declared) throw new BadRequestError("Invalid value for 'tool_choice': 'tool_choice' is only allowed when 'tools' are specified.", 'tool_choice');
  if (body.parallel_tool_calls != null && !declared) {
    throw new BadRequestError("Invalid value for 'parallel_tool_calls': 'parallel_tool_calls' is only allowed when 'tools' are specified.", 'parallel_tool_calls');
  }
  const declaredTools = (raw ?? []) as Array<{ type?: string; function?: { name?: unknown; parameters?: JsonSchema; strict?: boolean }; custom?: { name?: unknown } }>;
  const functions = declaredTools.flatMap((tool, index) => {
    if (tool?.type === 'custom' && typeof tool.custom?.name === 'string') return [];
    if (tool?.type !== 'function' || !tool.function) throw new BadRequestError(`Missing required parameter: 'tools[${index}].function'.`, `tools[${index}].function`);
    const { name, parameters, strict } = tool.function;
    if (typeof name !== 'string' || !TOOL_NAME.test(name)) {
      throw new BadRequestError(
        `Invalid 'tools[${index}].function.name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.`,
        `tools[${index}].function.name`,
      );
    }
    const problem = strict ? strictSchemaProblem(parameters ?? {}) : undefined;
    if (problem) throw new BadRequestError(`Invalid schema for function '${name}': ${problem}`, `tools[${index}].function.parameters`);
    return [{ name, parameters: parameters ?? { properties: {}, type: 'object' } }];
  });
  const chars = declared ? JSON.stringify(raw).length : 0;
  const choice = body.tool_choice as ToolChoice | undefined;
  const parallelTools = body.parallel_tool_calls !== false;
  if (choice === undefined || choice === 'auto') return { chars, choice: { parallelTools, toolMode: 'auto' }, specs: functions };
  if (choice === 'none') return { chars, choice: { parallelTools, toolMode: 'none' }, specs: functions };
  if (choice === 'required') return { chars, choice: { parallelTools, toolMode: 'any' }, specs: functions };
  if (typeof choice === 'object' && choice.type === 'allowed_tools') return allowedTools(choice, functions, chars, parallelTools);
  if (typeof choice === 'object' && choice.type === 'custom') return { chars, choice: { parallelTools, toolMode: 'none' }, specs: functions };
  const name = typeof choice === 'object' && choice.type === 'function' ? choice.function?.name : undefined;
  if (!name) throw new BadRequestError("Invalid value for 'tool_choice': expected 'none', 'auto', 'required', allowed_tools or a named tool.", 'tool_choice');
  if (!functions.some((spec) => spec.name === name)) throw new BadRequestError(`Invalid value for 'tool_choice': function '${name}' is not among the declared 'tools'.`, 'tool_choice');
  return { chars, choice: { forcedTool: name, parallelTools, toolMode: 'any' }, specs: functions };
}

/** `allowed_tools`: only the listed functions may be called; mode `required` forces one of them. */
function allowedTools(choice: Exclude<ToolChoice, string>, functions: ToolSpec[], chars: number, parallelTools: boolean): ParsedTools {
  const mode = choice.allowed_tools?.mode;
  if (mode !== 'auto' && mode !== 'required') throw new BadRequestError(`Invalid value: '${String(mode)}'. Supported values are: 'auto' and 'required'.`, 'tool_choice.allowed_tools.mode');
  const names = new Set((choice.allowed_tools?.tools ?? []).map((tool) => tool?.function?.name ?? tool?.custom?.name));
  const unknown = [...names].find((name) => !functions.some((spec) => spec.name === name));
  if (unknown) throw new BadRequestError(`Invalid value for 'tool_choice.allowed_tools.tools': tool '${String(unknown)}' is not among the declared 'tools'.`, 'tool_choice.allowed_tools.tools');
  return { chars, choice: { parallelTools, toolMode: mode === 'required' ? 'any' : 'auto' }, specs: functions.filter((spec) => names.has(spec.name)) };
}

/** Like OpenAI: every `tool` message answers a call of the assistant turn before it, and every call is answered. */
export function checkToolHistory(messages: ToolHistoryMessage[]): void {
  let pending = new Set<string>();
  let askedAt = -1;
  const unanswered = () =>
    new BadRequestError(
      `An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: ${[...pending].join(', ')}`,
      `messages.[${askedAt}].role`,
    );
  messages.forEach((message, index) => {
    if (message?.role === 'tool') {
      if (!message.tool_call_id || !pending.delete(message.tool_call_id)) {
        throw new BadRequestError("Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.", `messages.[${index}].role`);
      }
      return;
    }
    if (pending.size > 0) throw unanswered();
    if (message?.role === 'assistant' && Array.isArray(message.tool_calls) && message.tool_calls.length > 0) {
      pending = new Set(message.tool_calls.map((call) => String(call.id)));
      askedAt = index;
    }
  });
  if (pending.size > 0) throw unanswered();
}

/** Contents of the tool messages that end the conversation, if it ends with any. */
export function trailingToolResults(messages: ToolHistoryMessage[]): string[] | undefined {
  const results: string[] = [];
  for (let i = messages.length - 1; i >= 0 && messages[i]?.role === 'tool'; i--) results.unshift(textOf(messages[i].content));
  return results.length > 0 ? results : undefined;
}
