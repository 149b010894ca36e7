import type { ChatCompletionContentPart, ChatCompletionMessageParam, ChatCompletionMessageToolCall } from 'openai/resources/chat/completions';
import { contentText, isHttpUrl, parseArguments, parseDataUrl } from '../canonical-wire';
import { FieldGate, UnsupportedParameterError } from '../unsupported-parameter.error';
import type { GeminiContent, GeminiPart } from './gemini-rest.types';
import { SKIP_THOUGHT_SIGNATURE, thoughtSignatureOf } from './gemini-tool-call-id';

const MIME_BY_EXTENSION: Readonly<Record<string, string>> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  heic: 'image/heic',
  heif: 'image/heif',
  pdf: 'application/pdf',
};

const AUDIO_MIME: Readonly<Record<string, string>> = { wav: 'audio/wav', mp3: 'audio/mp3' };

/** MIME type of a file URL from its extension; images without a known extension are sent as JPEG. */
export function mimeTypeFromUrl(url: string): string {
  const path = url.split(/[?#]/)[0];
  const extension = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase();
  return (extension && MIME_BY_EXTENSION[extension]) || 'image/jpeg';
}

export interface GeminiConversation {
  systemInstruction?: GeminiContent;
  contents: GeminiContent[];
}

function textPart(text: string): GeminiPart[] {
  return text === '' ? [] : [{ text }];
}

function urlPart(url: string, field: string, gate: FieldGate): GeminiPart | undefined {
  const data = parseDataUrl(url);
  if (data) return { inlineData: { mimeType: data.mimeType, data: data.data } };
  if (isHttpUrl(url)) return { fileData: { fileUri: url, mimeType: mimeTypeFromUrl(url) } };
  gate.refuse(field, 'a file must be a data: URL or an http(s) URL');
  return undefined;
}

function userParts(content: string | ChatCompletionContentPart[], field: string, gate: FieldGate): GeminiPart[] {
  if (typeof content === 'string') return textPart(content);
  const parts: GeminiPart[] = [];
  content.forEach((part, index) => {
    const partField = `${field}[${index}]`;
    let mapped: GeminiPart | undefined;
    if (part.type === 'text') mapped = textPart(part.text)[0];
    else if (part.type === 'image_url') mapped = urlPart(part.image_url.url, `${partField}.image_url`, gate);
    else if (part.type === 'input_audio') mapped = { inlineData: { mimeType: AUDIO_MIME[part.input_audio.format] ?? `audio/${part.input_audio.format}`, data: part.input_audio.data } };
    else if (part.file.file_data) mapped = urlPart(part.file.file_data, `${partField}.file`, gate);
    else gate.refuse(`${partField}.file`, 'Gemini cannot read OpenAI file ids; send file_data');
    if (mapped) parts.push(mapped);
  });
  return parts;
}

function functionCallParts(toolCalls: ChatCompletionMessageToolCall[], field: string, gate: FieldGate, names: Map<string, string>): GeminiPart[] {
  const parts: GeminiPart[] = [];
  toolCalls.forEach((call, index) => {
    if (call.type !== 'function') return gate.refuse(`${field}[${index}]`, 'Gemini has only function tools');
    const args = parseArguments(call.function.arguments);
    if (!args) throw new UnsupportedParameterError(`${field}[${index}].function.arguments`, gate.target, 'arguments must be a JSON object');
    names.set(call.id, call.function.name);
    // Gemini 3 checks the signature of the first call of a step; history from elsewhere gets the sentinel.
    const signature = thoughtSignatureOf(call.id) ?? (parts.length === 0 ? SKIP_THOUGHT_SIGNATURE : undefined);
    parts.push({ functionCall: { name: call.function.name, args }, ...(signature ? { thoughtSignature: signature } : {}) });
  });
  return parts;
}

function functionResponsePart(text: string, toolCallId: string, field: string, names: Map<string, string>): GeminiPart {
  const name = names.get(toolCallId);
  if (!name) throw new UnsupportedParameterError(`${field}.tool_call_id`, 'gemini', `no earlier assistant tool call has the id "${toolCallId}"`);
  const structured = parseArguments(text);
  return { functionResponse: { name, response: structured && text.trim() !== '' ? structured : { content: text } } };
}

function append(contents: GeminiContent[], role: 'user' | 'model', parts: GeminiPart[]): void {
  if (parts.length === 0) return;
  const last = contents[contents.length - 1];
  if (last && last.role === role) last.parts = [...(last.parts ?? []), ...parts];
  else contents.push({ role, parts });
}

/**
 * OpenAI messages as Gemini contents: system and developer messages become the system instruction,
 * assistant turns become `model` turns with functionCall parts, tool results become functionResponse
 * parts of a user turn (named after the matching earlier call), and turns of one role merge.
 */
export function toGeminiConversation(messages: ChatCompletionMessageParam[], gate: FieldGate): GeminiConversation {
  const system: GeminiPart[] = [];
  const contents: GeminiContent[] = [];
  const toolNames = new Map<string, string>();
  messages.forEach((message, index) => {
    const field = `messages[${index}]`;
    switch (message.role) {
      case 'system':
      case 'developer':
        system.push(...textPart(contentText(message.content)));
        break;
      case 'user':
        append(contents, 'user', userParts(message.content, `${field}.content`, gate));
        break;
      case 'assistant':
        if (message.audio) gate.refuse(`${field}.audio`, 'Gemini cannot replay OpenAI audio');
        if (message.function_call) gate.refuse(`${field}.function_call`, 'use tool_calls');
        append(contents, 'model', [...textPart(contentText(message.content)), ...functionCallParts(message.tool_calls ?? [], `${field}.tool_calls`, gate, toolNames)]);
        break;
      case 'tool':
        append(contents, 'user', [functionResponsePart(contentText(message.content), message.tool_call_id, field, toolNames)]);
        break;
      default:
        gate.refuse(`${field}.role`, `role "${message.role}" is the deprecated function-calling form; use tool messages`);
    }
  });
  return { contents, ...(system.length ? { systemInstruction: { parts: system } } : {}) };
}
