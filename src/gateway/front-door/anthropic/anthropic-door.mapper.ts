import type { ContentBlock, Message, MessageCreateParamsBase, StopReason, Usage } from '@anthropic-ai/sdk/resources/messages';
import type { ChatCompletion, ChatCompletionCreateParams, ChatCompletionTool, ChatCompletionToolChoiceOption } from 'openai/resources/chat/completions';
import type { CompletionUsage } from 'openai/resources/completions';
import type { ReasoningEffort } from 'openai/resources/shared';
import { CanonicalMessage, parseArguments } from '../../providers/canonical-wire';
import type { FieldHandling } from '../../providers/unsupported-parameter.error';
import { canonicalMessages, DoorGate, textOfBlocks } from './anthropic-door-content.mapper';
import { DoorRequestError } from './door-request.error';

/**
 * How each Anthropic Messages field reaches the gateway's canonical (OpenAI) request. Typed over every
 * field of the installed SDK's request, so a new field fails the build until it is classified here.
 * `temperature`, `top_p` and `top_k` are no longer in the SDK's types but clients still send them.
 */
export const ANTHROPIC_DOOR_FIELD_SUPPORT: Record<keyof MessageCreateParamsBase | 'temperature' | 'top_p' | 'top_k', FieldHandling> = {
  max_tokens: 'translated',
  messages: 'translated',
  model: 'translated',
  cache_control: 'ignored',
  container: 'refused',
  diagnostics: 'ignored',
  inference_geo: 'ignored',
  metadata: 'translated',
  output_config: 'translated',
  service_tier: 'ignored',
  speed: 'ignored',
  stop_sequences: 'translated',
  stream: 'translated',
  system: 'translated',
  thinking: 'translated',
  tool_choice: 'translated',
  tools: 'translated',
  user_profile_id: 'ignored',
  workspace_id: 'ignored',
  temperature: 'translated',
  top_p: 'translated',
  top_k: 'refused',
};

type WireBody = Record<string, unknown>;

interface WireTool {
  type?: unknown;
  name?: unknown;
  description?: unknown;
  input_schema?: unknown;
  strict?: unknown;
}

/** Reasoning effort for a thinking budget, on the scale the Anthropic provider maps back (1024 / 4096 / 16384). */
export function effortForBudget(budget: number): ReasoningEffort {
  if (budget < 4096) return 'low';
  if (budget < 16384) return 'medium';
  return 'high';
}

function tools(raw: unknown, gate: DoorGate): ChatCompletionTool[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw new DoorRequestError('tools', 'tools: Input should be a valid list');
  const mapped: ChatCompletionTool[] = [];
  (raw as WireTool[]).forEach((tool, index) => {
    const custom = tool?.type === undefined || tool?.type === null || tool?.type === 'custom';
    if (!custom || typeof tool.name !== 'string') return gate.refuse(`tools.${index}`, `the server tool ${String(tool?.type)} runs only on Anthropic`);
    const definition: { name: string; description?: string; parameters?: Record<string, unknown>; strict?: boolean } = { name: tool.name };
    if (typeof tool.description === 'string') definition.description = tool.description;
    definition.parameters = (tool.input_schema ?? { type: 'object', properties: {} }) as Record<string, unknown>;
    if (tool.strict === true) definition.strict = true;
    mapped.push({ type: 'function', function: definition });
  });
  return mapped;
}

function toolChoice(raw: unknown): Pick<ChatCompletionCreateParams, 'tool_choice' | 'parallel_tool_calls'> {
  const choice = raw as { type?: unknown; name?: unknown; disable_parallel_tool_use?: unknown } | undefined;
  if (!choice) return {};
  const parallel = choice.disable_parallel_tool_use === true ? { parallel_tool_calls: false } : {};
  const byType: Record<string, ChatCompletionToolChoiceOption | undefined> = {
    auto: 'auto',
    any: 'required',
    none: 'none',
    tool: typeof choice.name === 'string' ? { type: 'function', function: { name: choice.name } } : undefined,
  };
  const mapped = byType[String(choice.type)];
  if (!mapped) throw new DoorRequestError('tool_choice', "tool_choice: Input should be 'auto', 'any', 'tool' (with a name) or 'none'");
  return { tool_choice: mapped, ...parallel };
}

function reasoning(body: WireBody): ReasoningEffort | undefined {
  const effort = (body.output_config as { effort?: unknown } | undefined)?.effort;
  if (typeof effort === 'string') return effort as ReasoningEffort;
  const thinking = body.thinking as { type?: unknown; budget_tokens?: unknown } | undefined;
  if (thinking?.type === 'enabled' && typeof thinking.budget_tokens === 'number') return effortForBudget(thinking.budget_tokens);
  if (thinking?.type === 'adaptive') return 'medium';
  return undefined;
}

function responseFormat(body: WireBody): ChatCompletionCreateParams['response_format'] {
  const format = (body.output_config as { format?: { type?: unknown; schema?: unknown } } | undefined)?.format;
  if (!format) return undefined;
  if (format.type !== 'json_schema' || typeof format.schema !== 'object' || format.schema === null)
    throw new DoorRequestError('output_config.format', 'output_config.format: needs type json_schema and a schema');
  return { type: 'json_schema', json_schema: { name: 'response', schema: format.schema as Record<string, unknown>, strict: true } };
}

/**
 * An Anthropic Messages request (from the /v1/messages door) as the gateway's canonical OpenAI Chat
 * Completions request. Throws DoorRequestError (a 400 naming the field) for a malformed body or a field
 * other vendors cannot honour, unless `dropUnsupported` lets it drop such a field.
 */
export function anthropicToCanonical(body: MessageCreateParamsBase, options: { dropUnsupported?: boolean } = {}): ChatCompletionCreateParams {
  const wire = body as unknown as WireBody;
  if (!wire || typeof wire !== 'object' || Array.isArray(wire)) throw new DoorRequestError('body', 'The body must be a JSON object');
  if (typeof wire.model !== 'string' || wire.model.trim() === '') throw new DoorRequestError('model', 'model: Field required');
  const maxTokens = wire.max_tokens;
  if (maxTokens === undefined || maxTokens === null) throw new DoorRequestError('max_tokens', 'max_tokens: Field required');
  if (typeof maxTokens !== 'number' || !Number.isInteger(maxTokens) || maxTokens < 1) throw new DoorRequestError('max_tokens', 'max_tokens: Input should be an integer of at least 1');
  const gate = new DoorGate(options.dropUnsupported === true);
  for (const [field, value] of Object.entries(wire)) {
    const handling = (ANTHROPIC_DOOR_FIELD_SUPPORT as Record<string, FieldHandling>)[field];
    if (value !== undefined && value !== null && handling !== 'translated' && handling !== 'ignored')
      gate.refuse(field, handling ? 'other vendors cannot honour it' : 'not a field this gateway knows');
  }

  const system = textOfBlocks(wire.system, 'system', gate);
  const messages = [...(system ? [{ role: 'system' as const, content: system }] : []), ...canonicalMessages(wire.messages, gate)];
  const functionTools = tools(wire.tools, gate);
  const stop = wire.stop_sequences as unknown;
  if (stop !== undefined && stop !== null && !(Array.isArray(stop) && stop.every((sequence) => typeof sequence === 'string')))
    throw new DoorRequestError('stop_sequences', 'stop_sequences: Input should be a valid list of strings');
  const userId = (wire.metadata as { user_id?: unknown } | undefined)?.user_id;
  const effort = reasoning(wire);
  const format = responseFormat(wire);
  // Built field by field (no spread followed by more properties on the request path: see eslint.config.js).
  const canonical: ChatCompletionCreateParams = { model: wire.model, messages, max_completion_tokens: maxTokens };
  if (typeof wire.temperature === 'number') canonical.temperature = wire.temperature;
  if (typeof wire.top_p === 'number') canonical.top_p = wire.top_p;
  if (Array.isArray(stop) && stop.length) canonical.stop = stop as string[];
  if (typeof userId === 'string' && userId) canonical.user = userId;
  if (functionTools.length) Object.assign(canonical, { tools: functionTools }, toolChoice(wire.tool_choice));
  if (effort) canonical.reasoning_effort = effort;
  if (format) canonical.response_format = format;
  if (wire.stream === true) Object.assign(canonical, { stream: true, stream_options: { include_usage: true } });
  return canonical;
}

const STOP_REASON: Readonly<Record<string, StopReason>> = { stop: 'end_turn', length: 'max_tokens', tool_calls: 'tool_use', function_call: 'tool_use', content_filter: 'refusal' };

export function stopReasonFromCanonical(finishReason: string | null | undefined): StopReason {
  return STOP_REASON[finishReason ?? 'stop'] ?? 'end_turn';
}

/** Anthropic's usage from OpenAI's: input_tokens counts only fresh input, cache reads and writes apart. */
export function anthropicUsageFrom(usage: CompletionUsage | null | undefined): Usage {
  const cacheRead = usage?.prompt_tokens_details?.cached_tokens ?? 0;
  const cacheWrite = usage?.prompt_tokens_details?.cache_write_tokens ?? 0;
  return {
    input_tokens: Math.max(0, (usage?.prompt_tokens ?? 0) - cacheRead - cacheWrite),
    output_tokens: usage?.completion_tokens ?? 0,
    cache_read_input_tokens: cacheRead,
    cache_creation_input_tokens: cacheWrite,
    cache_creation: null,
    inference_geo: null,
    output_tokens_details: null,
    server_tool_use: null,
    service_tier: null,
    speed: null,
  };
}

/** Whether the door's caller asked for thinking, so the vendor's reasoning may come back as thinking blocks. */
export function doorAskedForThinking(body: MessageCreateParamsBase): boolean {
  const type = (body.thinking as { type?: unknown } | undefined)?.type;
  return type === 'enabled' || type === 'adaptive';
}

export interface DoorAnswerOptions {
  /** Return the vendor's reasoning as a thinking block (see doorAskedForThinking); it carries no signature. */
  thinking?: boolean;
}

/** The gateway's canonical completion as an Anthropic Message (first choice), named after the model the caller asked for. */
export function canonicalToAnthropicMessage(completion: ChatCompletion, requestedModel: string, options: DoorAnswerOptions = {}): Message {
  const choice = completion.choices[0];
  const content: ContentBlock[] = [];
  const reasoning = (choice?.message as CanonicalMessage | undefined)?.reasoning_content;
  if (options.thinking && reasoning) content.push({ type: 'thinking', thinking: reasoning, signature: '' });
  const text = choice?.message.content || choice?.message.refusal || '';
  if (text) content.push({ type: 'text', text, citations: null });
  for (const call of choice?.message.tool_calls ?? []) {
    // Arguments a vendor left unparseable reach the client as an empty input rather than a broken message.
    if (call.type === 'function') content.push({ type: 'tool_use', id: call.id, name: call.function.name, input: parseArguments(call.function.arguments) ?? {}, caller: { type: 'direct' } });
  }
  return {
    id: completion.id,
    type: 'message',
    role: 'assistant',
    model: requestedModel,
    content,
    stop_reason: stopReasonFromCanonical(choice?.finish_reason),
    stop_sequence: null,
    stop_details: null,
    container: null,
    diagnostics: null,
    usage: anthropicUsageFrom(completion.usage),
  };
}
