import type {
  Base64ImageSource,
  ContentBlockParam,
  DocumentBlockParam,
  ImageBlockParam,
  MessageParam,
  TextBlockParam,
  ToolResultBlockParam,
  ToolUseBlockParam,
} from '@anthropic-ai/sdk/resources/messages';
import type { ChatCompletionContentPart, ChatCompletionMessageParam, ChatCompletionMessageToolCall } from 'openai/resources/chat/completions';
import { contentText, isHttpUrl, parseArguments, parseDataUrl } from '../canonical-wire';
import { FieldGate, UnsupportedParameterError } from '../unsupported-parameter.error';

const IMAGE_TYPES: ReadonlyArray<Base64ImageSource['media_type']> = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'];

export interface AnthropicConversation {
  system: TextBlockParam[];
  messages: MessageParam[];
}

function textBlock(text: string): TextBlockParam[] {
  return text === '' ? [] : [{ type: 'text', text }];
}

function imageBlock(url: string, field: string, gate: FieldGate): ImageBlockParam | undefined {
  const data = parseDataUrl(url);
  if (data) {
    const mediaType = IMAGE_TYPES.find((type) => type === data.mimeType);
    if (mediaType) return { type: 'image', source: { type: 'base64', media_type: mediaType, data: data.data } };
    gate.refuse(field, `image type ${data.mimeType}; Anthropic takes ${IMAGE_TYPES.join(', ')}`);
    return undefined;
  }
  if (isHttpUrl(url)) return { type: 'image', source: { type: 'url', url } };
  gate.refuse(field, 'an image must be a data: URL or an http(s) URL');
  return undefined;
}

function fileBlock(part: ChatCompletionContentPart.File, field: string, gate: FieldGate): DocumentBlockParam | undefined {
  const data = part.file.file_data ? parseDataUrl(part.file.file_data) : undefined;
  if (data?.mimeType === 'application/pdf')
    return { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: data.data }, ...(part.file.filename ? { title: part.file.filename } : {}) };
  gate.refuse(field, 'Anthropic takes files only as base64 PDF data (file_data: data:application/pdf;base64,...)');
  return undefined;
}

function userBlocks(content: string | ChatCompletionContentPart[], field: string, gate: FieldGate): ContentBlockParam[] {
  if (typeof content === 'string') return textBlock(content);
  const blocks: ContentBlockParam[] = [];
  content.forEach((part, index) => {
    const partField = `${field}[${index}]`;
    let block: ContentBlockParam | undefined;
    if (part.type === 'text') block = textBlock(part.text)[0];
    else if (part.type === 'image_url') block = imageBlock(part.image_url.url, `${partField}.image_url`, gate);
    else if (part.type === 'file') block = fileBlock(part, `${partField}.file`, gate);
    else gate.refuse(`${partField}.${part.type}`, 'Anthropic has no audio input');
    if (block) blocks.push(block);
  });
  return blocks;
}

function toolUseBlocks(toolCalls: ChatCompletionMessageToolCall[], field: string, gate: FieldGate): ToolUseBlockParam[] {
  const blocks: ToolUseBlockParam[] = [];
  toolCalls.forEach((call, index) => {
    if (call.type !== 'function') {
      gate.refuse(`${field}[${index}]`, 'Anthropic has only function tools');
      return;
    }
    const input = parseArguments(call.function.arguments);
    // Arguments that are not a JSON object cannot be dropped without corrupting the history.
    if (!input) throw new UnsupportedParameterError(`${field}[${index}].function.arguments`, gate.target, 'arguments must be a JSON object');
    blocks.push({ type: 'tool_use', id: call.id, name: call.function.name, input });
  });
  return blocks;
}

function toolResultBlock(content: string | Array<{ type: 'text'; text: string }>, toolCallId: string): ToolResultBlockParam {
  return { type: 'tool_result', tool_use_id: toolCallId, content: contentText(content) };
}

/** Appends blocks to the conversation, merging into the previous turn when it has the same role (Anthropic alternates roles). */
function append(messages: MessageParam[], role: 'user' | 'assistant', blocks: ContentBlockParam[]): void {
  if (blocks.length === 0) return;
  const last = messages[messages.length - 1];
  if (last && last.role === role && Array.isArray(last.content)) last.content.push(...blocks);
  else messages.push({ role, content: blocks });
}

/**
 * OpenAI messages as an Anthropic conversation: system and developer messages become system blocks, tool
 * results become `tool_result` blocks of a user turn, assistant tool calls become `tool_use` blocks, and
 * consecutive turns of one role merge into one.
 */
export function toAnthropicConversation(messages: ChatCompletionMessageParam[], gate: FieldGate): AnthropicConversation {
  const conversation: AnthropicConversation = { system: [], messages: [] };
  messages.forEach((message, index) => {
    const field = `messages[${index}]`;
    switch (message.role) {
      case 'system':
      case 'developer':
        conversation.system.push(...textBlock(contentText(message.content)));
        break;
      case 'user':
        append(conversation.messages, 'user', userBlocks(message.content, `${field}.content`, gate));
        break;
      case 'assistant':
        if (message.audio) gate.refuse(`${field}.audio`, 'Anthropic has no audio output');
        if (message.function_call) gate.refuse(`${field}.function_call`, 'use tool_calls');
        append(conversation.messages, 'assistant', [...textBlock(contentText(message.content)), ...toolUseBlocks(message.tool_calls ?? [], `${field}.tool_calls`, gate)]);
        break;
      case 'tool':
        append(conversation.messages, 'user', [toolResultBlock(message.content, message.tool_call_id)]);
        break;
      default:
        gate.refuse(`${field}.role`, `role "${message.role}" is the deprecated function-calling form; use tool messages`);
    }
  });
  return conversation;
}
