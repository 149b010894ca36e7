import type { ChatBody } from '../providers/provider';
import { documentTokens, imageTokens, LOW_DETAIL_IMAGE_TOKENS } from './attachment-tokens';

type Part = { type?: string; text?: string; image_url?: { url?: unknown; detail?: unknown }; file?: { file_data?: unknown } };

function contentChars(content: unknown): number {
  if (typeof content === 'string') return content.length;
  if (!Array.isArray(content)) return 0;
  let chars = 0;
  for (const part of content as Part[]) if (typeof part?.text === 'string') chars += part.text.length;
  return chars;
}

/** Images and documents, by what vendors bill for them (attachment-tokens.ts); audio at a low-detail image's price. */
function attachmentTokens(content: unknown): number {
  if (!Array.isArray(content)) return 0;
  let tokens = 0;
  for (const part of content as Part[]) {
    if (part?.type === 'image_url') tokens += imageTokens(part.image_url?.url, part.image_url?.detail);
    else if (part?.type === 'file') tokens += documentTokens(part.file?.file_data);
    else if (part?.type === 'input_audio') tokens += LOW_DETAIL_IMAGE_TOKENS;
  }
  return tokens;
}

/**
 * Input-token estimate (about 3.5 characters per token of text; images and PDFs by their pixels and pages), made
 * once per request. It only gates the rate limits, budgets and
 * the cost ceiling, and the TPM charge is corrected with the vendor's real usage afterwards; a local
 * tokenizer (js-tiktoken's o200k table) cost about 155 MB and seconds of blocked event loop on first use.
 */
export function approximateTokens(body: Pick<ChatBody, 'messages' | 'tools'>): number {
  let chars = 0;
  let attachments = 0;
  for (const message of body.messages ?? []) {
    chars += contentChars(message.content) + 4;
    attachments += attachmentTokens(message.content);
    const calls = (message as { tool_calls?: unknown[] }).tool_calls;
    if (calls) chars += JSON.stringify(calls).length;
  }
  if (body.tools) chars += JSON.stringify(body.tools).length;
  return Math.ceil(chars / 3.5) + attachments + 3;
}

/** The output ceiling a request asked for (max_completion_tokens wins, as on OpenAI). */
export function requestedMaxOutput(body: ChatBody): number | undefined {
  const value = body.max_completion_tokens ?? body.max_tokens;
  return typeof value === 'number' ? value : undefined;
}
