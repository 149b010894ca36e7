import type { MessageCreateParams, TextBlockParam, ThinkingConfigParam, Tool, ToolChoice } from '@anthropic-ai/sdk/resources/messages';
import type { ChatCompletionCreateParams, ChatCompletionCreateParamsBase, ChatCompletionTool } from 'openai/resources/chat/completions';
import { FieldGate, FieldHandling } from '../unsupported-parameter.error';
import { toAnthropicConversation } from './anthropic-messages.mapper';

export const ANTHROPIC_TARGET = 'anthropic';
export const ANTHROPIC_DEFAULT_MAX_TOKENS = 4096;

/** Thinking budget per OpenAI reasoning effort; Anthropic's minimum budget is 1024 tokens. */
export const ANTHROPIC_THINKING_BUDGET: Readonly<Record<string, number>> = { minimal: 1024, low: 1024, medium: 4096, high: 16384, xhigh: 32768, max: 32768 };

const JSON_OBJECT_INSTRUCTION = 'Answer with a single valid JSON object and nothing else: no prose, no code fences.';

/**
 * How each OpenAI Chat Completions field reaches Anthropic. Typed over every field of the installed SDK's
 * request, so a field added to the SDK fails the build until it is classified here (the README table is
 * generated from this).
 */
export const ANTHROPIC_FIELD_SUPPORT: Record<keyof ChatCompletionCreateParamsBase, FieldHandling> = {
  messages: 'translated',
  model: 'translated',
  audio: 'refused',
  frequency_penalty: 'refused',
  function_call: 'refused',
  functions: 'refused',
  logit_bias: 'refused',
  logprobs: 'refused',
  max_completion_tokens: 'translated',
  max_tokens: 'translated',
  metadata: 'ignored',
  modalities: 'refused',
  moderation: 'refused',
  n: 'refused',
  parallel_tool_calls: 'translated',
  prediction: 'refused',
  presence_penalty: 'refused',
  prompt_cache_key: 'ignored',
  prompt_cache_options: 'ignored',
  prompt_cache_retention: 'ignored',
  reasoning_effort: 'translated',
  response_format: 'translated',
  safety_identifier: 'translated',
  seed: 'refused',
  service_tier: 'ignored',
  stop: 'translated',
  store: 'ignored',
  stream: 'translated',
  stream_options: 'ignored',
  temperature: 'translated',
  tool_choice: 'translated',
  tools: 'translated',
  top_logprobs: 'refused',
  top_p: 'translated',
  user: 'translated',
  verbosity: 'refused',
  web_search_options: 'refused',
};

export interface AnthropicRequestOptions {
  promptCaching: boolean;
  dropUnsupported: boolean;
}

/** Name of the forced tool that carries a `json_schema` answer, or undefined when the request has none. */
export function anthropicAnswerToolName(body: ChatCompletionCreateParams): string | undefined {
  return body.response_format?.type === 'json_schema' ? body.response_format.json_schema.name : undefined;
}

function functionTools(tools: ChatCompletionTool[] | undefined, gate: FieldGate): Tool[] {
  const mapped: Tool[] = [];
  (tools ?? []).forEach((tool, index) => {
    if (tool.type !== 'function') return gate.refuse(`tools[${index}]`, 'Anthropic has only function tools');
    const { name, description, parameters, strict } = tool.function;
    const mappedTool: Tool = { name, input_schema: (parameters ?? { type: 'object', properties: {} }) as Tool['input_schema'] };
    if (description) mappedTool.description = description;
    if (strict) mappedTool.strict = strict;
    mapped.push(mappedTool);
  });
  return mapped;
}

function toolChoice(body: ChatCompletionCreateParams, tools: Tool[], gate: FieldGate): { choice?: ToolChoice; tools: Tool[] } {
  const choice = body.tool_choice;
  const disableParallel = body.parallel_tool_calls === false ? { disable_parallel_tool_use: true } : {};
  if (choice === undefined || choice === 'auto') return { tools, choice: body.parallel_tool_calls === false && tools.length ? { type: 'auto', ...disableParallel } : undefined };
  if (choice === 'none') return { tools, choice: { type: 'none' } };
  if (choice === 'required') return { tools, choice: { type: 'any', ...disableParallel } };
  if (choice.type === 'function') return { tools, choice: { type: 'tool', name: choice.function.name, ...disableParallel } };
  if (choice.type === 'allowed_tools') {
    const allowed = new Set(choice.allowed_tools.tools.map((tool) => (tool as { function?: { name?: string } }).function?.name));
    return { tools: tools.filter((tool) => allowed.has(tool.name)), choice: { type: choice.allowed_tools.mode === 'required' ? 'any' : 'auto', ...disableParallel } };
  }
  gate.refuse('tool_choice', 'Anthropic has only function tools');
  return { tools };
}

function thinking(body: ChatCompletionCreateParams, maxTokens: number, callerCapped: boolean, gate: FieldGate): { thinking?: ThinkingConfigParam; maxTokens: number } {
  const effort = body.reasoning_effort;
  if (!effort) return { maxTokens };
  if (effort === 'none') return { thinking: { type: 'disabled' }, maxTokens };
  const budget = ANTHROPIC_THINKING_BUDGET[effort];
  if (budget === undefined) {
    gate.refuse('reasoning_effort', `unknown effort "${effort}"`);
    return { maxTokens };
  }
  // Anthropic counts thinking inside max_tokens and wants the budget below it.
  if (!callerCapped) return { thinking: { type: 'enabled', budget_tokens: budget }, maxTokens: maxTokens + budget };
  const capped = Math.min(budget, maxTokens - 1);
  if (capped >= 1024) return { thinking: { type: 'enabled', budget_tokens: capped }, maxTokens };
  gate.refuse('reasoning_effort', 'Anthropic thinks with at least 1024 tokens; raise max_completion_tokens above 1024');
  return { maxTokens };
}

/** Alone, the answer tool is forced; beside the caller's tools the model must call one of them or the answer tool. */
function answerChoice(choice: ToolChoice | undefined, toolCount: number, answerTool: string): ToolChoice {
  if (toolCount === 1 || choice?.type === 'none') return { type: 'tool', name: answerTool };
  if (choice?.type === 'tool') return choice;
  return { type: 'any', ...(choice?.disable_parallel_tool_use ? { disable_parallel_tool_use: true } : {}) };
}

function stopSequences(stop: ChatCompletionCreateParams['stop'], gate: FieldGate): string[] | undefined {
  if (stop === undefined || stop === null) return undefined;
  const sequences = typeof stop === 'string' ? [stop] : stop;
  const kept = sequences.filter((sequence) => sequence.trim() !== '');
  if (kept.length < sequences.length) gate.refuse('stop', 'Anthropic refuses stop sequences made only of whitespace');
  return kept.length ? kept : undefined;
}

/**
 * The Messages request we send. The SDK's types dropped the deprecated sampling fields, which the API
 * still reads; they travel as extra body fields.
 */
export type AnthropicRequest = MessageCreateParams & { temperature?: number; top_p?: number };

interface Sampling {
  temperature?: number;
  topP?: number;
  choice?: ToolChoice;
  thinking?: ThinkingConfigParam;
  maxTokens: number;
}

/** Anthropic forbids sampling changes and forcing a tool while thinking: refuse the clashing field, or drop it. */
function settleThinkingConflicts(sampling: Sampling, baseMaxTokens: number, forcedAnswer: boolean, gate: FieldGate): Sampling {
  if (sampling.thinking?.type !== 'enabled') return sampling;
  const settled = { ...sampling };
  const clash = (field: string) => gate.refuse(field, 'Anthropic cannot combine it with reasoning_effort (extended thinking)');
  if (settled.temperature !== undefined && settled.temperature !== 1) {
    clash('temperature');
    settled.temperature = undefined;
  }
  if (settled.topP !== undefined && settled.topP < 0.95) {
    clash('top_p');
    settled.topP = undefined;
  }
  if (settled.choice?.type === 'any' || settled.choice?.type === 'tool') {
    clash(forcedAnswer ? 'response_format' : 'tool_choice');
    // Dropped, the reasoning gives way: the forced tool (or structured answer) is what the caller relies on.
    settled.thinking = undefined;
    settled.maxTokens = baseMaxTokens;
  }
  return settled;
}

/**
 * An OpenAI Chat Completions request as an Anthropic Messages request. Throws UnsupportedParameterError
 * for a field Anthropic cannot honour unless `dropUnsupported`, which drops it instead.
 */
export function toAnthropicRequest(body: ChatCompletionCreateParams, vendorModel: string, options: AnthropicRequestOptions): AnthropicRequest {
  const gate = new FieldGate(ANTHROPIC_TARGET, options.dropUnsupported);
  gate.refuseUnhonoured(body, ANTHROPIC_FIELD_SUPPORT);
  const { system, messages } = toAnthropicConversation(body.messages, gate);

  let temperature = body.temperature ?? undefined;
  if (temperature !== undefined && temperature > 1) {
    gate.refuse('temperature', 'Anthropic takes 0 to 1');
    temperature = undefined;
  }

  const answerTool = anthropicAnswerToolName(body);
  let { tools, choice } = toolChoice(body, functionTools(body.tools, gate), gate);
  const format = body.response_format;
  if (format?.type === 'json_object') system.push({ type: 'text', text: JSON_OBJECT_INSTRUCTION });
  if (format?.type === 'json_schema' && answerTool) {
    const schema = format.json_schema.schema ?? { type: 'object' };
    if (schema.type !== 'object') gate.refuse('response_format', 'Anthropic answers with a JSON object; the schema root must be type "object"');
    else if (tools.some((tool) => tool.name === answerTool)) gate.refuse('response_format', `the schema name "${answerTool}" is also a tool name`);
    else {
      const description = format.json_schema.description ?? 'Give the final answer by calling this tool; its input is the answer.';
      tools = [...tools, { name: answerTool, description, input_schema: schema as Tool['input_schema'], ...(format.json_schema.strict ? { strict: true } : {}) }];
      choice = answerChoice(choice, tools.length, answerTool);
    }
  }

  if (options.promptCaching && system.length) system[system.length - 1] = Object.assign({}, system[system.length - 1], { cache_control: { type: 'ephemeral' as const } });

  const callerMax = body.max_completion_tokens ?? body.max_tokens ?? undefined;
  const baseMaxTokens = callerMax ?? ANTHROPIC_DEFAULT_MAX_TOKENS;
  const reasoning = thinking(body, baseMaxTokens, callerMax !== undefined, gate);
  const forcedAnswer = choice?.type === 'tool' && choice.name === answerTool;
  const sampling = settleThinkingConflicts({ temperature, topP: body.top_p ?? undefined, choice, ...reasoning }, baseMaxTokens, forcedAnswer, gate);
  const userId = body.user || body.safety_identifier || undefined;
  const stop = stopSequences(body.stop, gate);

  // Built field by field (no spread followed by more properties on the request path: see eslint.config.js).
  const request: AnthropicRequest = { model: vendorModel, max_tokens: sampling.maxTokens, messages };
  if (system.length) request.system = system as TextBlockParam[];
  if (sampling.temperature !== undefined) request.temperature = sampling.temperature;
  if (sampling.topP !== undefined) request.top_p = sampling.topP;
  if (stop) request.stop_sequences = stop;
  if (userId) request.metadata = { user_id: userId };
  if (tools.length) request.tools = tools;
  if (tools.length && sampling.choice) request.tool_choice = sampling.choice;
  if (sampling.thinking) request.thinking = sampling.thinking;
  if (body.stream) Object.assign(request, { stream: true });
  return request;
}
