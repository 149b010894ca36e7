import type { ChatBody } from '../providers/provider';

/** What an image part is counted as before the vendor reports: a low-detail tile's cost on OpenAI's scale. */
const IMAGE_TOKENS = 85;

function contentChars(content: unknown): number {
  if (typeof content === 'string') return content.length;
  if (!Array.isArray(content)) return 0;
  let chars = 0;
  for (const part of content as { type?: string; text?: string }[]) {
    if (typeof part?.text === 'string') chars += part.text.length;
    else if (part?.type === 'image_url' || part?.type === 'input_audio' || part?.type === 'file') chars += IMAGE_TOKENS * 3.5;
  }
  return chars;
}

/**
 * Input-token estimate (about 3.5 characters per token), made once per request. It only gates the rate limits and
 * the cost ceiling, and the TPM charge is corrected with the vendor's real usage afterwards; a local
 * tokenizer (js-tiktoken's o200k table) cost about 155 MB and seconds of blocked event loop on first use.
 */
export function approximateTokens(body: Pick<ChatBody, 'messages' | 'tools'>): number {
  let chars = 0;
  for (const message of body.messages ?? []) {
    chars += contentChars(message.content) + 4;
    const calls = (message as { tool_calls?: unknown[] }).tool_calls;
    if (calls) chars += JSON.stringify(calls).length;
  }
  if (body.tools) chars += JSON.stringify(body.tools).length;
  return Math.ceil(chars / 3.5) + 3;
}

/** The output ceiling a request asked for (max_completion_tokens wins, as on OpenAI). */
export function requestedMaxOutput(body: ChatBody): number | undefined {
  const value = body.max_completion_tokens ?? body.max_tokens;
  return typeof value === 'number' ? value : undefined;
}
