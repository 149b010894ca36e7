import type { ChatCompletionContentPart, ChatCompletionMessageParam, ChatCompletionMessageToolCall } from 'openai/resources/chat/completions';
import { DoorRequestError } from './door-request.error';

/** A content block as a client sends it: read defensively, the body has not been validated by type. */
interface WireBlock {
  type?: unknown;
  text?: unknown;
  id?: unknown;
  name?: unknown;
  input?: unknown;
  tool_use_id?: unknown;
  content?: unknown;
  title?: unknown;
  source?: { type?: unknown; media_type?: unknown; data?: unknown; url?: unknown };
}

interface WireMessage {
  role?: unknown;
  content?: unknown;
}

/** Blocks that only make sense to Anthropic itself (signed reasoning): dropped on the way to any vendor. */
const VENDOR_PRIVATE_BLOCKS = new Set(['thinking', 'redacted_thinking']);

/** Refuses what the canonical format cannot carry, or lets the caller skip it when dropping unsupported fields. */
export class DoorGate {
  constructor(readonly dropUnsupported: boolean) {}

  refuse(field: string, why: string): void {
    if (!this.dropUnsupported) throw new DoorRequestError(field, `${field}: ${why}; remove it or set drop_params`);
  }
}

function invalid(field: string, message: string): never {
  throw new DoorRequestError(field, `${field}: ${message}`);
}

function blocksOf(content: unknown, field: string): WireBlock[] {
  if (typeof content === 'string') return content === '' ? [] : [{ type: 'text', text: content }];
  if (!Array.isArray(content)) invalid(field, 'Input should be a valid string or list of content blocks');
  return content as WireBlock[];
}

/** Text of a system prompt or tool result: a string or text blocks. */
export function textOfBlocks(content: unknown, field: string, gate: DoorGate): string {
  if (content === undefined || content === null) return '';
  return blocksOf(content, field)
    .filter((block, index) => {
      if (block?.type === 'text' && typeof block.text === 'string') return true;
      gate.refuse(`${field}.${index}`, `a ${String(block?.type)} block cannot be carried here, only text`);
      return false;
    })
    .map((block) => block.text as string)
    .join('\n\n');
}

function imagePart(block: WireBlock, field: string, gate: DoorGate): ChatCompletionContentPart | undefined {
  const source = block.source;
  if (source?.type === 'base64' && typeof source.data === 'string') return { type: 'image_url', image_url: { url: `data:${String(source.media_type)};base64,${source.data}` } };
  if (source?.type === 'url' && typeof source.url === 'string') return { type: 'image_url', image_url: { url: source.url } };
  gate.refuse(`${field}.source`, 'only base64 and url image sources can be routed to other vendors');
  return undefined;
}

function documentPart(block: WireBlock, field: string, gate: DoorGate): ChatCompletionContentPart | undefined {
  const source = block.source;
  if (source?.type === 'base64' && source.media_type === 'application/pdf' && typeof source.data === 'string') {
    return { type: 'file', file: { file_data: `data:application/pdf;base64,${source.data}`, ...(typeof block.title === 'string' ? { filename: block.title } : {}) } };
  }
  if (source?.type === 'text' && typeof source.data === 'string') return { type: 'text', text: source.data };
  gate.refuse(`${field}.source`, 'only base64 PDF and plain-text documents can be routed to other vendors');
  return undefined;
}

function userContent(blocks: WireBlock[], field: string, gate: DoorGate): { parts: ChatCompletionContentPart[]; toolResults: ChatCompletionMessageParam[] } {
  const parts: ChatCompletionContentPart[] = [];
  const toolResults: ChatCompletionMessageParam[] = [];
  blocks.forEach((block, index) => {
    const blockField = `${field}.${index}`;
    let part: ChatCompletionContentPart | undefined;
    if (block?.type === 'text' && typeof block.text === 'string') part = block.text === '' ? undefined : { type: 'text', text: block.text };
    else if (block?.type === 'image') part = imagePart(block, blockField, gate);
    else if (block?.type === 'document') part = documentPart(block, blockField, gate);
    else if (block?.type === 'tool_result') {
      if (typeof block.tool_use_id !== 'string') invalid(`${blockField}.tool_use_id`, 'Field required');
      toolResults.push({ role: 'tool', tool_call_id: block.tool_use_id, content: textOfBlocks(block.content, `${blockField}.content`, gate) });
    } else if (!VENDOR_PRIVATE_BLOCKS.has(String(block?.type))) gate.refuse(blockField, `a ${String(block?.type)} block cannot be routed to other vendors`);
    if (part) parts.push(part);
  });
  return { parts, toolResults };
}

function assistantMessage(blocks: WireBlock[], field: string, gate: DoorGate): ChatCompletionMessageParam | undefined {
  let text = '';
  const toolCalls: ChatCompletionMessageToolCall[] = [];
  blocks.forEach((block, index) => {
    if (block?.type === 'text' && typeof block.text === 'string') text += block.text;
    else if (block?.type === 'tool_use') {
      if (typeof block.id !== 'string' || typeof block.name !== 'string') invalid(`${field}.${index}`, 'tool_use needs an id and a name');
      toolCalls.push({ id: block.id, type: 'function', function: { name: block.name, arguments: JSON.stringify(block.input ?? {}) } });
    } else if (!VENDOR_PRIVATE_BLOCKS.has(String(block?.type))) gate.refuse(`${field}.${index}`, `a ${String(block?.type)} block cannot be routed to other vendors`);
  });
  if (text === '' && toolCalls.length === 0) return undefined;
  return { role: 'assistant', content: text === '' ? null : text, ...(toolCalls.length ? { tool_calls: toolCalls } : {}) };
}

/**
 * Anthropic messages as OpenAI messages: tool_result blocks become `tool` messages (before the rest of
 * their user turn, as OpenAI orders them), tool_use blocks become assistant tool calls, images become
 * image_url parts and PDFs file parts. Thinking blocks are Anthropic's signed reasoning and are dropped.
 */
export function canonicalMessages(messages: unknown, gate: DoorGate): ChatCompletionMessageParam[] {
  if (!Array.isArray(messages) || messages.length === 0) invalid('messages', 'at least one message is required');
  const canonical: ChatCompletionMessageParam[] = [];
  (messages as WireMessage[]).forEach((message, index) => {
    const field = `messages.${index}.content`;
    if (message?.role === 'system') {
      canonical.push({ role: 'system', content: textOfBlocks(message.content, field, gate) });
    } else if (message?.role === 'user') {
      const { parts, toolResults } = userContent(blocksOf(message.content, field), field, gate);
      canonical.push(...toolResults);
      if (parts.length) canonical.push({ role: 'user', content: parts.length === 1 && parts[0].type === 'text' ? parts[0].text : parts });
    } else if (message?.role === 'assistant') {
      const assistant = assistantMessage(blocksOf(message.content, field), field, gate);
      if (assistant) canonical.push(assistant);
    } else invalid(`messages.${index}.role`, "Input should be 'user' or 'assistant'");
  });
  return canonical;
}
