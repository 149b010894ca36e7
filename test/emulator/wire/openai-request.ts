/** Parses and validates an OpenAI Chat Completions request the way OpenAI does (same messages, same `param`). */
import { type JsonSchema, strictSchemaProblem } from '../features/schema-sample';
import { textOf, tokensForChars } from '../reply-builder';
import { checkToolHistory, parseTools, type ToolHistoryMessage, trailingToolResults } from './openai-tools';
import { addMedia, BadRequestError, type MediaCounts, type ParsedRequest, type RequestFeatures } from './wire-format';

type ChatMessage = ToolHistoryMessage;

interface ContentPart {
  type?: string;
  image_url?: { url?: unknown };
  input_audio?: { data?: unknown; format?: unknown };
  file?: { file_data?: unknown; file_id?: unknown; filename?: unknown };
}

const REASONING_MODEL = /^(o\d|gpt-5(?!-chat))|^deepseek-reasoner/;
/** Models that refuse `max_tokens` and a non-default temperature (OpenAI's o-series and gpt-5). */
const FIXED_SAMPLING_MODEL = /^(o\d|gpt-5(?!-chat))/;
const KNOWN_FIELDS = new Set(
  (
    'model messages audio frequency_penalty function_call functions logit_bias logprobs max_completion_tokens max_tokens metadata ' +
    'modalities n parallel_tool_calls prediction presence_penalty prompt_cache_key prompt_cache_retention reasoning_effort ' +
    'response_format safety_identifier seed service_tier stop store stream stream_options temperature tool_choice tools ' +
    'top_logprobs top_p user verbosity web_search_options ' +
    // Groq and DeepSeek extensions of the same wire.
    'reasoning_format include_reasoning search_settings thinking'
  ).split(' '),
);
const IMAGE_DATA_URL = /^data:image\/(png|jpeg|jpg|gif|webp);base64,/;

/** OpenAI Chat Completions body → neutral request; throws `BadRequestError` with OpenAI's message and `param`. */
export function parseOpenAiRequest(body: Record<string, unknown>, groq = false): ParsedRequest {
  const model = body.model;
  const messages = body.messages;
  if (typeof model !== 'string' || !model) throw new BadRequestError('you must provide a model parameter');
  if (!Array.isArray(messages) || messages.length === 0) throw new BadRequestError("'messages' must be a non-empty array", 'messages');
  const unknown = Object.keys(body).find((key) => !KNOWN_FIELDS.has(key));
  if (unknown) throw new BadRequestError(`Unrecognized request argument supplied: ${unknown}`);
  checkSampling(body, model);
  checkVendorRefusals(body, model, groq);
  const tools = parseTools(body);
  let promptChars = tools.chars;
  let prefixChars = 0;
  let prefixKey = '';
  let lastUserText = '';
  const media: MediaCounts = { audios: 0, documents: 0, images: 0 };
  (messages as ChatMessage[]).forEach((message, index) => {
    addMedia(media, countMedia(message, index));
    const text = textOf(message?.content) + (message?.tool_calls ?? []).map((call) => `${call.function?.name ?? ''}${call.function?.arguments ?? ''}`).join('');
    promptChars += text.length;
    if (index < messages.length - 1) {
      prefixChars += text.length;
      prefixKey += `${message.role}\u0000${text}\u0001`;
    }
    if (message?.role === 'user') lastUserText = textOf(message.content);
  });
  checkToolHistory(messages as ChatMessage[]);
  const maxTokens = (body.max_completion_tokens ?? body.max_tokens) as number | undefined;
  const responseFormat = parseResponseFormat(body.response_format);
  const streamOptions = body.stream_options as { include_usage?: boolean } | undefined;
  if (streamOptions != null && body.stream !== true) throw new BadRequestError("The 'stream_options' parameter is only allowed when 'stream' is enabled.", 'stream_options');
  const features: RequestFeatures = {
    ...tools.choice,
    candidateCount: parseN(body.n),
    audioCount: media.audios,
    documentCount: media.documents,
    imageCount: media.images,
    outputSchema: responseFormat.schema,
    seed: parseSeed(body.seed),
    stop: parseStop(body.stop),
    toolResults: trailingToolResults(messages as ChatMessage[]),
    tools: tools.specs,
    topLogprobs: parseLogprobs(body),
  };
  return {
    deepseek: model.startsWith('deepseek'),
    facts: {
      json: responseFormat.json,
      lastUserText,
      maxTokens: typeof maxTokens === 'number' ? maxTokens : undefined,
      model,
      promptChars,
      reasoning: REASONING_MODEL.test(model) || typeof body.reasoning_effort === 'string',
    },
    features,
    implicitPrefix: { key: `${model}\u0002${prefixKey}`, tokens: tokensForChars(prefixChars) },
    includeUsage: streamOptions?.include_usage === true,
    stream: body.stream === true,
  };
}

function checkSampling(body: Record<string, unknown>, model: string): void {
  for (const key of ['max_tokens', 'max_completion_tokens']) {
    const value = body[key];
    if (value != null && !(Number.isInteger(value) && (value as number) >= 1)) throw new BadRequestError(`Invalid '${key}': expected an integer >= 1, but got ${JSON.stringify(value)} instead.`, key);
  }
  const ranges: Array<[string, number, number]> = [
    ['temperature', 0, 2],
    ['top_p', 0, 1],
    ['presence_penalty', -2, 2],
    ['frequency_penalty', -2, 2],
  ];
  for (const [key, min, max] of ranges) {
    const value = body[key];
    if (value == null) continue;
    if (typeof value !== 'number') throw new BadRequestError(`Invalid type for '${key}': expected a decimal, but got ${typeof value} instead.`, key);
    if (value < min) throw new BadRequestError(`Invalid '${key}': decimal below minimum value. Expected a value >= ${min}, but got ${value} instead.`, key);
    if (value > max) throw new BadRequestError(`Invalid '${key}': decimal above maximum value. Expected a value <= ${max}, but got ${value} instead.`, key);
  }
  if (!FIXED_SAMPLING_MODEL.test(model)) return;
  if (body.max_tokens != null) throw new BadRequestError("Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.", 'max_tokens');
  if (body.temperature != null && body.temperature !== 1) {
    throw new BadRequestError(`Unsupported value: 'temperature' does not support ${String(body.temperature)} with this model. Only the default (1) value is supported.`, 'temperature');
  }
}

/**
 * Documented refusals of OpenAI-compatible vendors: Groq answers 400 to `logprobs`, `top_logprobs`, `logit_bias`,
 * `messages[].name` and `n` other than 1; DeepSeek's reasoner to `logprobs` and `top_logprobs`.
 */
function checkVendorRefusals(body: Record<string, unknown>, model: string, groq: boolean): void {
  const refused = groq ? ['logprobs', 'top_logprobs', 'logit_bias'] : model === 'deepseek-reasoner' ? ['logprobs', 'top_logprobs'] : [];
  const field = refused.find((key) => body[key] != null);
  const vendor = groq ? 'Groq' : 'deepseek-reasoner';
  if (field) throw new BadRequestError(`'${field}' is not supported by ${vendor}`, field);
  if (!groq) return;
  if (body.n != null && body.n !== 1) throw new BadRequestError("'n' : number must be at most 1", 'n');
  const named = (body.messages as Array<{ name?: unknown }>).findIndex((message) => message?.name != null);
  if (named !== -1) throw new BadRequestError(`'messages.${named}.name' is not supported by Groq`, `messages.${named}.name`);
}

/** Image (http(s) or data URL), `input_audio` (wav or mp3) and `file` (data or id) parts, checked as OpenAI does. */
function countMedia(message: ChatMessage, messageIndex: number): MediaCounts {
  const counts: MediaCounts = { audios: 0, documents: 0, images: 0 };
  if (!Array.isArray(message?.content)) return counts;
  (message.content as ContentPart[]).forEach((part, partIndex) => {
    const at = `messages[${messageIndex}].content[${partIndex}]`;
    if (part?.type === 'image_url') {
      checkImageUrl(part.image_url?.url, `${at}.image_url.url`);
      counts.images++;
    } else if (part?.type === 'input_audio') {
      const format = part.input_audio?.format;
      if (format !== 'wav' && format !== 'mp3') throw new BadRequestError(`Invalid value: '${String(format)}'. Supported values are: 'wav' and 'mp3'.`, `${at}.input_audio.format`);
      if (typeof part.input_audio?.data !== 'string' || !part.input_audio.data) throw new BadRequestError(`Missing required parameter: '${at}.input_audio.data'.`, `${at}.input_audio.data`);
      counts.audios++;
    } else if (part?.type === 'file') {
      if (typeof part.file?.file_data !== 'string' && typeof part.file?.file_id !== 'string') {
        throw new BadRequestError(`Invalid '${at}.file': one of 'file_data' or 'file_id' must be provided.`, `${at}.file`);
      }
      counts.documents++;
    }
  });
  return counts;
}

function checkImageUrl(url: unknown, param: string): void {
  if (typeof url === 'string' && url.startsWith('data:')) {
    if (!IMAGE_DATA_URL.test(url)) throw new BadRequestError("You uploaded an unsupported image. Please make sure your image has of one the following formats: ['png', 'jpeg', 'gif', 'webp'].", param);
  } else if (typeof url !== 'string' || !/^https?:\/\/[^\s/]+/.test(url)) {
    throw new BadRequestError(`Invalid '${param}'. Expected a valid URL, but got a value with an invalid format.`, param);
  }
}

function parseResponseFormat(raw: unknown): { json: boolean; schema?: JsonSchema } {
  if (raw == null) return { json: false };
  const format = raw as { type?: string; json_schema?: { name?: unknown; schema?: JsonSchema; strict?: boolean } };
  if (format.type === 'text') return { json: false };
  if (format.type === 'json_object') return { json: true };
  if (format.type !== 'json_schema') throw new BadRequestError(`Invalid value: '${String(format.type)}'. Supported values are: 'json_object', 'json_schema', and 'text'.`, 'response_format.type');
  const spec = format.json_schema;
  if (!spec) throw new BadRequestError("Missing required parameter: 'response_format.json_schema'.", 'response_format.json_schema');
  if (typeof spec.name !== 'string' || !spec.name) throw new BadRequestError("Missing required parameter: 'response_format.json_schema.name'.", 'response_format.json_schema.name');
  const problem = spec.strict ? strictSchemaProblem(spec.schema ?? {}) : undefined;
  if (problem) throw new BadRequestError(`Invalid schema for response_format '${spec.name}': ${problem}`, 'response_format');
  return { json: true, schema: spec.schema ?? { type: 'object' } };
}

function parseN(raw: unknown): number {
  if (raw == null) return 1;
  if (!Number.isInteger(raw)) throw new BadRequestError(`Invalid type for 'n': expected an integer, but got ${typeof raw} instead.`, 'n');
  const n = raw as number;
  if (n < 1) throw new BadRequestError(`Invalid 'n': integer below minimum value. Expected a value >= 1, but got ${n} instead.`, 'n');
  if (n > 128) throw new BadRequestError(`Invalid 'n': integer above maximum value. Expected a value <= 128, but got ${n} instead.`, 'n');
  return n;
}

function parseStop(raw: unknown): string[] {
  if (raw == null) return [];
  const list = typeof raw === 'string' ? [raw] : raw;
  if (!Array.isArray(list) || list.some((item) => typeof item !== 'string')) throw new BadRequestError("Invalid type for 'stop': expected a string or an array of strings.", 'stop');
  if (list.length > 4) throw new BadRequestError(`Invalid 'stop': array too long. Expected an array with maximum length 4, but got an array with length ${list.length} instead.`, 'stop');
  return list as string[];
}

function parseSeed(raw: unknown): number | undefined {
  if (raw == null) return undefined;
  if (!Number.isInteger(raw)) throw new BadRequestError(`Invalid type for 'seed': expected an integer, but got ${typeof raw === 'number' ? 'a decimal number' : typeof raw} instead.`, 'seed');
  return raw as number;
}

function parseLogprobs(body: Record<string, unknown>): number | undefined {
  const top = body.top_logprobs;
  if (top != null && !(Number.isInteger(top) && (top as number) >= 0 && (top as number) <= 20)) {
    throw new BadRequestError(`Invalid 'top_logprobs': expected an integer between 0 and 20, but got ${JSON.stringify(top)} instead.`, 'top_logprobs');
  }
  if (top != null && body.logprobs !== true) throw new BadRequestError("Invalid value for 'logprobs': must be true when 'top_logprobs' is specified.", 'logprobs');
  return body.logprobs === true ? ((top as number | undefined) ?? 0) : undefined;
}
