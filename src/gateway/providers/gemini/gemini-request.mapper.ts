import type { FunctionDeclaration } from '@google/genai';
import type { ChatCompletionCreateParams, ChatCompletionCreateParamsBase, ChatCompletionTool } from 'openai/resources/chat/completions';
import { FieldGate, FieldHandling } from '../unsupported-parameter.error';
import { toGeminiConversation } from './gemini-contents.mapper';
import type { GeminiGenerationConfig, GeminiRequest } from './gemini-rest.types';

export const GEMINI_TARGET = 'gemini';

/** Thinking budget per OpenAI reasoning effort (Gemini 2.5 Flash thinks with up to 24576 tokens). */
export const GEMINI_THINKING_BUDGET: Readonly<Record<string, number>> = { none: 0, minimal: 128, low: 1024, medium: 8192, high: 24576, xhigh: 24576, max: 24576 };

/**
 * How each OpenAI Chat Completions field reaches Gemini. Typed over every field of the installed SDK's
 * request, so a field added to the SDK fails the build until it is classified here.
 */
export const GEMINI_FIELD_SUPPORT: Record<keyof ChatCompletionCreateParamsBase, FieldHandling> = {
  messages: 'translated',
  model: 'translated',
  audio: 'refused',
  frequency_penalty: 'translated',
  function_call: 'refused',
  functions: 'refused',
  logit_bias: 'refused',
  logprobs: 'translated',
  max_completion_tokens: 'translated',
  max_tokens: 'translated',
  metadata: 'ignored',
  modalities: 'refused',
  moderation: 'refused',
  n: 'translated',
  parallel_tool_calls: 'refused',
  prediction: 'refused',
  presence_penalty: 'translated',
  prompt_cache_key: 'ignored',
  prompt_cache_options: 'ignored',
  prompt_cache_retention: 'ignored',
  reasoning_effort: 'translated',
  response_format: 'translated',
  safety_identifier: 'ignored',
  seed: 'translated',
  service_tier: 'ignored',
  stop: 'translated',
  store: 'ignored',
  stream: 'translated',
  stream_options: 'ignored',
  temperature: 'translated',
  tool_choice: 'translated',
  tools: 'translated',
  top_logprobs: 'translated',
  top_p: 'translated',
  user: 'ignored',
  verbosity: 'refused',
  web_search_options: 'refused',
};

export interface GeminiRequestOptions {
  dropUnsupported: boolean;
}

function functionDeclarations(tools: ChatCompletionTool[] | undefined, gate: FieldGate): FunctionDeclaration[] {
  const declarations: FunctionDeclaration[] = [];
  (tools ?? []).forEach((tool, index) => {
    if (tool.type !== 'function') return gate.refuse(`tools[${index}]`, 'Gemini has only function tools');
    const { name, description, parameters } = tool.function;
    declarations.push(Object.assign({ name }, description ? { description } : undefined, parameters ? { parametersJsonSchema: parameters } : undefined));
  });
  return declarations;
}

function toolConfig(body: ChatCompletionCreateParams, declarations: FunctionDeclaration[], gate: FieldGate): Pick<GeminiRequest, 'tools' | 'toolConfig'> {
  const choice = body.tool_choice;
  let kept = declarations;
  let config: GeminiRequest['toolConfig'];
  if (choice === 'none') config = { functionCallingConfig: { mode: 'NONE' } };
  else if (choice === 'required') config = { functionCallingConfig: { mode: 'ANY' } };
  else if (typeof choice === 'object' && choice.type === 'function') config = { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: [choice.function.name] } };
  else if (typeof choice === 'object' && choice.type === 'allowed_tools') {
    const allowed = new Set(choice.allowed_tools.tools.map((tool) => (tool as { function?: { name?: string } }).function?.name));
    kept = declarations.filter((declaration) => allowed.has(declaration.name));
    if (choice.allowed_tools.mode === 'required') config = { functionCallingConfig: { mode: 'ANY' } };
  } else if (typeof choice === 'object') gate.refuse('tool_choice', 'Gemini has only function tools');
  if (kept.length === 0) return {};
  return { tools: [{ functionDeclarations: kept }], ...(config ? { toolConfig: config } : {}) };
}

function responseFormat(format: ChatCompletionCreateParams['response_format']): Partial<GeminiGenerationConfig> {
  if (format?.type === 'json_object') return { responseMimeType: 'application/json' };
  if (format?.type === 'json_schema') return { responseMimeType: 'application/json', ...(format.json_schema.schema ? { responseJsonSchema: format.json_schema.schema } : {}) };
  return {};
}

function thinkingConfig(effort: ChatCompletionCreateParams['reasoning_effort'], gate: FieldGate): Partial<GeminiGenerationConfig> {
  if (!effort) return {};
  const budget = GEMINI_THINKING_BUDGET[effort];
  if (budget !== undefined) return { thinkingConfig: { thinkingBudget: budget } };
  gate.refuse('reasoning_effort', `unknown effort "${effort}"`);
  return {};
}

/** Drops the keys whose value is undefined, so the JSON sent carries only what the caller set. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined && entry !== null)) as T;
}

/**
 * An OpenAI Chat Completions request as a Gemini generateContent body (the model goes in the URL).
 * Throws UnsupportedParameterError for a field Gemini cannot honour unless `dropUnsupported`.
 */
export function toGeminiRequest(body: ChatCompletionCreateParams, options: GeminiRequestOptions): GeminiRequest {
  const gate = new FieldGate(GEMINI_TARGET, options.dropUnsupported);
  gate.refuseUnhonoured(body, GEMINI_FIELD_SUPPORT);
  const conversation = toGeminiConversation(body.messages, gate);
  const stop = typeof body.stop === 'string' ? [body.stop] : body.stop;
  const sampling: GeminiGenerationConfig = {
    temperature: body.temperature ?? undefined,
    topP: body.top_p ?? undefined,
    maxOutputTokens: body.max_completion_tokens ?? body.max_tokens ?? undefined,
    stopSequences: stop?.length ? stop : undefined,
    candidateCount: body.n ?? undefined,
    seed: body.seed ?? undefined,
    presencePenalty: body.presence_penalty ?? undefined,
    frequencyPenalty: body.frequency_penalty ?? undefined,
    responseLogprobs: body.logprobs || undefined,
    logprobs: body.top_logprobs ?? undefined,
  };
  const generationConfig = defined<GeminiGenerationConfig>(Object.assign(sampling, responseFormat(body.response_format), thinkingConfig(body.reasoning_effort, gate)));
  return Object.assign({}, conversation, Object.keys(generationConfig).length ? { generationConfig } : undefined, toolConfig(body, functionDeclarations(body.tools, gate), gate));
}
