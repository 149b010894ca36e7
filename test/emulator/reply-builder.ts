/** Deterministic reply text and token counts, shared by every wire format. */

const CHARS_PER_TOKEN = 4;
const TOKENS_PER_WORD = 1.3;
const ECHOED_WORDS = 8;
const WORDS_PER_CHUNK = 2;

/** What the vendor-specific parser extracts from a request. */
export interface PromptFacts {
  model: string;
  /** Characters of all prompt text (system, messages, tool text). */
  promptChars: number;
  lastUserText: string;
  /** Max output tokens requested, if any. */
  maxTokens?: number;
  json: boolean;
  reasoning: boolean;
}

/** The text to send and how many tokens it is worth. */
export interface ReplyPlan {
  text: string;
  chunks: string[];
  outputTokens: number;
  truncated: boolean;
}

/** Prompt tokens for a number of characters (≈ 4 characters per token). */
export function tokensForChars(chars: number): number {
  return Math.ceil(chars / CHARS_PER_TOKEN);
}

/** Output tokens for a reply (≈ 1.3 tokens per word). */
export function tokensForText(text: string): number {
  return Math.ceil(countWords(text) * TOKENS_PER_WORD);
}

/** Concatenated text of a string, a list of parts/blocks (`text`, nested `content`) or nothing. */
export function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  let out = '';
  for (const part of content) {
    if (typeof part === 'string') out += part;
    else if (part && typeof part === 'object') {
      const block = part as { text?: unknown; content?: unknown };
      if (typeof block.text === 'string') out += block.text;
      else if (block.content !== undefined) out += textOf(block.content);
    }
  }
  return out;
}

/**
 * The generated answer: `Respuesta simulada de <model>: <prefix><first words of the last user message><suffix>`,
 * as JSON in JSON mode.
 */
export function defaultReply(facts: PromptFacts, extra: { prefix?: string; suffix?: string } = {}): string {
  const echoed = firstWords(facts.lastUserText, ECHOED_WORDS) || '(sin texto)';
  const sentence = `Respuesta simulada de ${facts.model}: ${extra.prefix ?? ''}${echoed}${extra.suffix ?? ''}`;
  return facts.json ? JSON.stringify({ respuesta: sentence, modelo: facts.model }) : sentence;
}

/** Splits the reply into streaming chunks, truncating to `maxTokens` the way vendors do. */
export function planReply(text: string, maxTokens: number | undefined): ReplyPlan {
  let outputTokens = tokensForText(text);
  let truncated = false;
  if (maxTokens !== undefined && maxTokens >= 0 && outputTokens > maxTokens) {
    const keep = Math.floor(maxTokens / TOKENS_PER_WORD);
    text = wordSlices(text).slice(0, keep).join('').trimEnd();
    outputTokens = maxTokens;
    truncated = true;
  }
  return { text, chunks: chunkText(text), outputTokens, truncated };
}

/** Reasoning tokens a thinking model would bill for this answer. */
export function reasoningTokensFor(facts: PromptFacts, outputTokens: number): number {
  return facts.reasoning ? outputTokens * 2 : 0;
}

function chunkText(text: string): string[] {
  const words = wordSlices(text);
  if (words.length === 0) return [text];
  const chunks: string[] = [];
  for (let i = 0; i < words.length; i += WORDS_PER_CHUNK) chunks.push(words.slice(i, i + WORDS_PER_CHUNK).join(''));
  return chunks;
}

/** Words with their trailing whitespace, so joining them gives back the text. */
export function wordSlices(text: string): string[] {
  return text.match(/\S+\s*/g) ?? [];
}

function countWords(text: string): number {
  return text.match(/\S+/g)?.length ?? 0;
}

/** The first `n` words of a text, single-spaced. */
export function firstWords(text: string, n: number): string {
  return (text.match(/\S+/g) ?? []).slice(0, n).join(' ');
}
