/** Parses and validates an Anthropic Messages request with Anthropic's error wording (`<path>: <problem>`). */
import type { JsonSchema } from '../features/schema-sample';
import type { CachePrefix } from '../prompt-cache';
import { textOf, tokensForChars } from '../reply-builder';
import { checkThinking, thinkingEnabled } from './anthropic-thinking';
import { addMedia, BadRequestError, type MediaCounts, type ParsedRequest, type RequestFeatures, type ToolSpec } from './wire-format';

interface Block {
  type?: string;
  text?: unknown;
  content?: unknown;
  cache_control?: unknown;
  name?: unknown;
  description?: unknown;
  input_schema?: unknown;
  id?: unknown;
  input?: unknown;
  tool_use_id?: unknown;
  source?: { type?: string; media_type?: unknown; data?: unknown; url?: unknown };
}

interface Message {
  role?: string;
  content?: unknown;
}

const KNOWN_FIELDS = new Set(
  (
    'model messages max_tokens system metadata stop_sequences stream temperature top_k top_p tools tool_choice thinking ' +
    'service_tier container mcp_servers context_management output_config output_format inference_geo cache_control speed'
  ).split(' '),
);
const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);
const DOCUMENT_TYPES = new Set(['application/pdf']);

/** Walks tools → system → messages in prompt order, counting characters and recording each `cache_control` breakpoint. */
class PromptWalker {
  chars = 0;
  key = '';
  readonly breakpoints: CachePrefix[] = [];

  constructor(model: string) {
    this.key = `${model}\u0002`;
  }

  visit(text: string, block: Block | undefined): void {
    this.chars += text.length;
    this.key += `${text}\u0001`;
    if (block?.cache_control) this.breakpoints.push({ key: this.key, tokens: tokensForChars(this.chars) });
  }

  visitAll(content: unknown): void {
    if (!Array.isArray(content)) return this.visit(textOf(content), undefined);
    for (const block of content as Block[]) this.visit(block?.type === 'tool_use' ? `${String(block.name)}${JSON.stringify(block.input ?? {})}` : textOf([block]), block);
  }
}

/** Anthropic Messages body → neutral request; throws `BadRequestError` with Anthropic's message. */
export function parseAnthropicRequest(body: Record<string, unknown>): ParsedRequest {
  const { model, messages, max_tokens: maxTokens } = body;
  if (typeof model !== 'string' || !model) throw new BadRequestError('model: Field required');
  if (typeof maxTokens !== 'number') throw new BadRequestError('max_tokens: Field required');
  if (!Array.isArray(messages) || messages.length === 0) throw new BadRequestError('messages: at least one message is required');
  const unknown = Object.keys(body).find((key) => !KNOWN_FIELDS.has(key));
  if (unknown) throw new BadRequestError(`${unknown}: Extra inputs are not permitted`);
  checkSampling(body);
  checkThinking(body);
  const walker = new PromptWalker(model);
  const tools = parseTools(body.tools);
  for (const tool of (Array.isArray(body.tools) ? body.tools : []) as Block[]) {
    walker.visit(`${String(tool.name ?? '')} ${String(tool.description ?? '')} ${JSON.stringify(tool.input_schema ?? {})}`, tool);
  }
  walker.visitAll(body.system);
  let lastUserText = '';
  const media: MediaCounts = { audios: 0, documents: 0, images: 0 };
  (messages as Message[]).forEach((message, index) => {
    walker.visitAll(message?.content);
    addMedia(media, countMedia(message, index));
    if (message?.role === 'user') lastUserText = plainText(message.content);
  });
  checkToolHistory(messages as Message[]);
  const choice = body.tool_choice as { type?: string; name?: string; disable_parallel_tool_use?: boolean } | undefined;
  const features: RequestFeatures = {
    candidateCount: 1,
    audioCount: 0,
    documentCount: media.documents,
    imageCount: media.images,
    ...toolChoice(choice, tools),
    outputSchema: outputSchema(body),
    stop: parseStopSequences(body.stop_sequences),
    toolResults: lastToolResults(messages as Message[]),
    tools,
  };
  return {
    breakpoints: walker.breakpoints,
    deepseek: false,
    facts: { json: false, lastUserText, maxTokens, model, promptChars: walker.chars, reasoning: thinkingEnabled(body) },
    features,
    includeUsage: true,
    stream: body.stream === true,
  };
}

function checkSampling(body: Record<string, unknown>): void {
  const ranges: Array<[string, number, number]> = [
    ['temperature', 0, 1],
    ['top_p', 0, 1],
  ];
  for (const [key, min, max] of ranges) {
    const value = body[key];
    if (value == null) continue;
    if (typeof value !== 'number') throw new BadRequestError(`${key}: Input should be a valid number`);
    if (value < min) throw new BadRequestError(`${key}: Input should be greater than or equal to ${min}`);
    if (value > max) throw new BadRequestError(`${key}: Input should be less than or equal to ${max}`);
  }
  if (body.top_k != null && !(Number.isInteger(body.top_k) && (body.top_k as number) >= 0)) throw new BadRequestError('top_k: Input should be greater than or equal to 0');
  const metadata = body.metadata as Record<string, unknown> | undefined;
  if (metadata == null) return;
  const extra = Object.keys(metadata).find((key) => key !== 'user_id');
  if (extra) throw new BadRequestError(`metadata.${extra}: Extra inputs are not permitted`);
  const userId = metadata.user_id;
  if (userId != null && typeof userId !== 'string') throw new BadRequestError('metadata.user_id: Input should be a valid string');
  if (typeof userId === 'string' && userId.length > 256) throw new BadRequestError('metadata.user_id: String should have at most 256 characters');
}

function parseTools(raw: unknown): ToolSpec[] {
  if (raw == null) return [];
  if (!Array.isArray(raw)) throw new BadRequestError('tools: Input should be a valid list');
  return (raw as Block[]).flatMap((tool, index) => {
    if (tool?.type !== undefined && tool.type !== 'custom') return [];
    if (typeof tool?.name !== 'string' || !/^[a-zA-Z0-9_-]{1,128}$/.test(tool.name)) throw new BadRequestError(`tools.${index}.custom.name: String should match pattern '^[a-zA-Z0-9_-]{1,128}$'`);
    if (!tool.input_schema || typeof tool.input_schema !== 'object') throw new BadRequestError(`tools.${index}.custom.input_schema: Field required`);
    return [{ name: tool.name, parameters: tool.input_schema as JsonSchema }];
  });
}

function toolChoice(choice: { type?: string; name?: string; disable_parallel_tool_use?: boolean } | undefined, tools: ToolSpec[]): Pick<RequestFeatures, 'toolMode' | 'forcedTool' | 'parallelTools'> {
  const parallelTools = choice?.disable_parallel_tool_use !== true;
  if (!choice || choice.type === 'auto') return { parallelTools, toolMode: 'auto' };
  if (tools.length === 0 && choice.type !== 'none') throw new BadRequestError('tool_choice may only be specified while providing tools.');
  if (choice.type === 'none') return { parallelTools, toolMode: 'none' };
  if (choice.type === 'any') return { parallelTools, toolMode: 'any' };
  if (choice.type !== 'tool') throw new BadRequestError("tool_choice.type: Input should be 'auto', 'any', 'tool' or 'none'");
  if (!tools.some((tool) => tool.name === choice.name)) throw new BadRequestError(`tool_choice.name: Tool '${String(choice.name)}' not found in the provided tools`);
  return { forcedTool: choice.name, parallelTools, toolMode: 'any' };
}

/** Like Anthropic: each `tool_use` is answered by a `tool_result` in the very next message, and every result answers one. */
function checkToolHistory(messages: Message[]): void {
  let asked = new Set<string>();
  messages.forEach((message, index) => {
    const blocks = Array.isArray(message?.content) ? (message.content as Block[]) : [];
    if (message?.role === 'user') {
      blocks.forEach((block, blockIndex) => {
        if (block?.type === 'tool_result' && !asked.delete(String(block.tool_use_id))) {
          throw new BadRequestError(
            `messages.${index}.content.${blockIndex}: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${String(block.tool_use_id)}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`,
          );
        }
      });
    }
    if (asked.size > 0) {
      throw new BadRequestError(
        `messages.${index - 1}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${[...asked].join(', ')}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`,
      );
    }
    asked = new Set(message?.role === 'assistant' ? blocks.filter((block) => block?.type === 'tool_use').map((block) => String(block.id)) : []);
  });
}

function lastToolResults(messages: Message[]): string[] | undefined {
  const last = messages[messages.length - 1];
  if (last?.role !== 'user' || !Array.isArray(last.content)) return undefined;
  const results = (last.content as Block[]).filter((block) => block?.type === 'tool_result').map((block) => textOf(typeof block.content === 'string' ? block.content : (block.content ?? [])));
  return results.length > 0 ? results : undefined;
}

/** `image` blocks (base64 jpeg/png/gif/webp or http(s) URL) and `document` blocks (base64 PDF, text, URL or content). */
function countMedia(message: Message, messageIndex: number): MediaCounts {
  const counts: MediaCounts = { audios: 0, documents: 0, images: 0 };
  if (!Array.isArray(message?.content)) return counts;
  (message.content as Block[]).forEach((block, blockIndex) => {
    if (block?.type !== 'image' && block?.type !== 'document') return;
    const source = block.source;
    const path = `messages.${messageIndex}.content.${blockIndex}.${block.type}.source`;
    const allowed = block.type === 'image' ? ['base64', 'url', 'file'] : ['base64', 'text', 'url', 'content', 'file'];
    if (!allowed.includes(String(source?.type))) {
      throw new BadRequestError(`${path}: Input tag '${String(source?.type)}' found using 'type' does not match any of the expected tags: ${allowed.map((tag) => `'${tag}'`).join(', ')}`);
    }
    if (source?.type === 'base64') {
      const types = block.type === 'image' ? IMAGE_TYPES : DOCUMENT_TYPES;
      if (!types.has(String(source.media_type))) throw new BadRequestError(`${path}.base64.media_type: Input should be ${orList([...types])}`);
      if (typeof source.data !== 'string' || !source.data) throw new BadRequestError(`${path}.base64.data: Field required`);
    } else if (source?.type === 'url' && (typeof source.url !== 'string' || !/^https?:\/\//.test(source.url))) {
      throw new BadRequestError(`${path}.url.url: Input should be a valid URL`);
    }
    if (block.type === 'image') counts.images++;
    else counts.documents++;
  });
  return counts;
}

/** `'a', 'b' or 'c'`, as Anthropic's validation messages list choices. */
function orList(choices: string[]): string {
  const quoted = choices.map((choice) => `'${choice}'`);
  return quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
}

/** Text blocks only: what the user typed, without tool results. */
function plainText(content: unknown): string {
  if (!Array.isArray(content)) return textOf(content);
  return textOf((content as Block[]).filter((block) => typeof block === 'string' || block?.type === 'text'));
}

function outputSchema(body: Record<string, unknown>): JsonSchema | undefined {
  const format = ((body.output_config as { format?: unknown } | undefined)?.format ?? body.output_format) as { type?: string; schema?: JsonSchema } | undefined | null;
  if (format == null) return undefined;
  if (format.type !== 'json_schema') throw new BadRequestError("output_config.format.type: Input should be 'json_schema'");
  if (!format.schema || typeof format.schema !== 'object') throw new BadRequestError('output_config.format.schema: Field required');
  return format.schema;
}

function parseStopSequences(raw: unknown): string[] {
  if (raw == null) return [];
  if (!Array.isArray(raw) || raw.some((item) => typeof item !== 'string')) throw new BadRequestError('stop_sequences: Input should be a valid list of strings');
  return raw as string[];
}
