import type { ProviderId } from '../../llm.types';
import { ChatCompletionChunk, ProviderError, StreamedChunk } from '../provider';
import type { WireUsage } from './openai-wire-usage';
import { utf8Of } from '../wire/server-sent-events';

/** The quoted texts searched for, each without its opening quote (see indexOfQuoted); `"error"` also without its "e". */
const FINISH_REASON = 'finish_reason"';
const ERROR_TAIL = 'rror"';
const USAGE = 'usage"';
const CHOICES = 'choices"';
const CONTENT_KEY = 'content"';

/**
 * A chunk of an OpenAI-wire stream, kept as the vendor's bytes (`raw`, a binary string: one character per byte, see
 * ServerSentEventParser) and parsed only when `chunk` is first read. An OpenAI-wire caller gets the bytes as they
 * came, so most chunks, which only add a few words, are never parsed or even decoded: the provider parses those that
 * finish in a way the scan cannot read, report usage or carry an error, and `text` cuts the words out of the usual
 * shape (`"content":"..."`, once), decodes just them, and leaves any other shape to a parse.
 */
export class RelayedChunk implements StreamedChunk {
  /** Whether a non-null `usage` is in the text (OpenAI sends `"usage":null` on every chunk but the last). */
  readonly reportsUsage: boolean;
  /** The finish reason the text sets: null for none, undefined when only a parse can read it. */
  readonly finishReason: string | null | undefined;
  private parsed?: ChatCompletionChunk;

  constructor(
    readonly raw: string,
    private readonly vendor: ProviderId,
  ) {
    this.reportsUsage = hasValue(raw, USAGE);
    this.finishReason = finishReasonIn(raw);
  }

  /** Whether an `"error"` field is in the text (a parse tells whether it is set). */
  get mayReportError(): boolean {
    // Found by what follows its "e": a search that begins with a letter as common as that one stops at each of them.
    for (let at = this.raw.indexOf(ERROR_TAIL); at >= 0; at = this.raw.indexOf(ERROR_TAIL, at + 1)) {
      if (this.raw.charCodeAt(at - 1) === 101 /* e */ && this.raw.charCodeAt(at - 2) === 34 /* " */) return true;
    }
    return false;
  }

  /**
   * Whether the chunk is the stream's usage report (usage set, `"choices"` an empty list), told from the text;
   * undefined when only a parse can tell.
   */
  get usageOnly(): boolean | undefined {
    if (!this.reportsUsage) return false;
    if (this.parsed !== undefined) return undefined;
    const at = valueStart(this.raw, CHOICES);
    if (at < 0 || this.raw.charCodeAt(at) !== 91 /* [ */) return undefined;
    let i = at + 1;
    while (isSpace(this.raw.charCodeAt(i))) i++;
    return this.raw.charCodeAt(i) === 93 /* ] */ ? true : undefined;
  }

  /**
   * The chunk's `usage`: its counts read from the text when each is a plain whole number inside the usage object
   * (what every OpenAI-wire vendor sends), else from a parse of the whole chunk.
   */
  get usage(): WireUsage | null | undefined {
    if (this.parsed === undefined && this.reportsUsage) {
      const scanned = scannedUsage(this.raw, valueStart(this.raw, USAGE));
      if (scanned) return scanned;
    }
    return this.chunk.usage as WireUsage | null | undefined;
  }

  get chunk(): ChatCompletionChunk {
    if (this.parsed === undefined) {
      try {
        this.parsed = JSON.parse(utf8Of(this.raw)) as ChatCompletionChunk;
      } catch {
        throw new ProviderError('malformed', `${this.vendor} streamed malformed JSON`, this.vendor);
      }
    }
    return this.parsed;
  }

  get text(): string | undefined {
    if (this.parsed !== undefined) return undefined;
    return contentText(this.raw);
  }

  /** The length of `text`, counted in the vendor's bytes without decoding them; undefined when a parse must tell. */
  get textLength(): number | undefined {
    if (this.parsed !== undefined) return undefined;
    return contentLength(this.raw);
  }
}

/** Whether `"key"` is in the JSON text with a value other than null (any spacing around the colon); `key` as `name"`. */
export function hasValue(json: string, key: string): boolean {
  return valueStart(json, key) >= 0;
}

/**
 * json.indexOf(`"${quoted}`, from), found by the text after the quote: V8 looks for a pattern by its first character,
 * and in JSON a quote comes every few characters, so a search that starts with one stops at each (3-4× slower; a
 * streamed chunk's searches took ~1 µs). A match needs the quote before it, so the positions found are the same.
 */
export function indexOfQuoted(json: string, quoted: string, from = 0): number {
  for (let at = json.indexOf(quoted, from + 1); at >= 0; at = json.indexOf(quoted, at + 1)) {
    if (json.charCodeAt(at - 1) === 34 /* " */) return at - 1;
  }
  return -1;
}

/** Where the first non-null value of `"key"` at or after `from` begins in the JSON text (`key` as `name"`); -1 when there is none. */
function valueStart(json: string, key: string, from = 0): number {
  for (let at = indexOfQuoted(json, key, from); at >= 0; at = indexOfQuoted(json, key, at + 1 + key.length)) {
    let i = at + 1 + key.length;
    while (isSpace(json.charCodeAt(i))) i++;
    if (json.charCodeAt(i) !== 58 /* : */) continue;
    i++;
    while (isSpace(json.charCodeAt(i))) i++;
    if (!json.startsWith('null', i)) return i;
  }
  return -1;
}

/**
 * The one finish reason in the text as a plain string ("stop", "length"...); null when no choice sets one; undefined
 * when a parse must tell (not a string, an escape in it, several choices setting one).
 */
function finishReasonIn(json: string): string | null | undefined {
  const at = valueStart(json, FINISH_REASON);
  if (at < 0) return null;
  if (json.charCodeAt(at) !== 34 /* " */) return undefined;
  const end = json.indexOf('"', at + 1);
  if (end < 0 || valueStart(json, FINISH_REASON, end) >= 0) return undefined;
  const reason = json.slice(at + 1, end);
  return reason.includes('\\') ? undefined : reason;
}

/**
 * Where the text of the one `"content"` field in the usual shape (`"content":"…"`) begins and ends: null when there is
 * no such field; undefined when a parse must tell (another shape or spacing, a second field of the name after it).
 */
function contentSpan(json: string): [start: number, end: number] | null | undefined {
  const at = indexOfQuoted(json, CONTENT_KEY);
  if (at < 0) return null;
  const start = at + 1 + CONTENT_KEY.length + 2;
  if (json.charCodeAt(start - 2) !== 58 /* : */ || json.charCodeAt(start - 1) !== 34 /* " */) return undefined;
  const end = stringEnd(json, start);
  if (end < 0 || indexOfQuoted(json, CONTENT_KEY, end) >= 0) return undefined;
  return [start, end];
}

/** The words of the `"content"` field (see contentSpan), decoded from the binary text's UTF-8: '' when there is none. */
function contentText(json: string): string | undefined {
  const span = contentSpan(json);
  if (!span) return span === null ? '' : undefined;
  const text = utf8Of(json.slice(span[0], span[1]));
  if (!text.includes('\\')) return text;
  try {
    return JSON.parse(`"${text}"`) as string;
  } catch {
    return undefined;
  }
}

/**
 * What contentText(json)?.length gives for valid UTF-8, counted in the bytes and JSON escapes as they are, without
 * decoding them; undefined when contentText would need a parse, or for an escape JSON does not have.
 */
export function contentLength(json: string): number | undefined {
  const span = contentSpan(json);
  if (!span) return span === null ? 0 : undefined;
  let length = 0;
  for (let i = span[0]; i < span[1]; i++) {
    const byte = json.charCodeAt(i);
    if (byte === 92 /* \ */) {
      const escaped = json.charCodeAt(++i);
      if (escaped === 117 /* u */) {
        if (!/^[0-9a-fA-F]{4}$/.test(json.slice(i + 1, i + 5))) return undefined;
        i += 4;
      } else if (!SIMPLE_ESCAPES.has(escaped)) return undefined;
      length++;
    } else if (byte < 0x80 || byte >= 0xc0) {
      // A byte that starts a character (continuation bytes are 0x80-0xBF); four-byte sequences are surrogate pairs.
      length += byte >= 0xf0 ? 2 : 1;
    }
  }
  return length;
}

/** The characters after a backslash in a JSON string that stand for one character, `u` aside: " \ / b f n r t. */
const SIMPLE_ESCAPES = new Set([34, 92, 47, 98, 102, 110, 114, 116]);

/** The usage counts the gateway reads (see usageFromOpenAi), by field name; the two details are nested objects. */
const USAGE_COUNTS = ['prompt_tokens"', 'completion_tokens"', 'prompt_cache_hit_tokens"', 'cached_tokens"', 'reasoning_tokens"'] as const;

/**
 * The counts of the usage object whose text begins at `at`, each read where its name is in that object; undefined when
 * one is there but is not a plain whole number, the object has neither prompt nor completion count, or it does not
 * end, so that a parse tells.
 */
function scannedUsage(json: string, at: number): WireUsage | undefined {
  if (json.charCodeAt(at) !== 123 /* { */) return undefined;
  const end = objectEnd(json, at);
  if (end < 0) return undefined;
  const counts: (number | undefined)[] = [];
  for (const key of USAGE_COUNTS) {
    const value = valueStart(json, key, at);
    if (value < 0 || value >= end) {
      counts.push(undefined);
      continue;
    }
    let digitsEnd = value;
    while (digitsEnd < end && isDigit(json.charCodeAt(digitsEnd))) digitsEnd++;
    const next = json.charCodeAt(digitsEnd);
    if (digitsEnd === value || digitsEnd - value > 15 || !(next === 44 /* , */ || next === 125 /* } */ || isSpace(next))) return undefined;
    counts.push(Number(json.slice(value, digitsEnd)));
  }
  const [prompt, completion, cacheHit, cached, reasoning] = counts;
  if (prompt === undefined && completion === undefined) return undefined; // not a usage report's object (a nested field of the name?)
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    prompt_cache_hit_tokens: cacheHit,
    prompt_tokens_details: { cached_tokens: cached },
    completion_tokens_details: { reasoning_tokens: reasoning },
  };
}

/** The position just past the object that begins at `start` (strings skipped, escapes minded); -1 when the text ends first. */
function objectEnd(json: string, start: number): number {
  let depth = 0;
  for (let i = start; i < json.length; i++) {
    const code = json.charCodeAt(i);
    if (code === 34 /* " */) {
      i = stringEnd(json, i + 1);
      if (i < 0) return -1;
    } else if (code === 123 /* { */ || code === 91 /* [ */) depth++;
    else if ((code === 125 /* } */ || code === 93) /* ] */ && --depth === 0) return i + 1;
  }
  return -1;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** The closing quote of the JSON string whose text begins at `from` (escaped quotes skipped); -1 when there is none. */
function stringEnd(json: string, from: number): number {
  let end = json.indexOf('"', from);
  while (end >= 0 && isEscaped(json, end)) end = json.indexOf('"', end + 1);
  return end;
}

function isEscaped(json: string, quote: number): boolean {
  let backslashes = 0;
  for (let i = quote - 1; json.charCodeAt(i) === 92; i--) backslashes++;
  return backslashes % 2 === 1;
}

export function isSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 13 || code === 9;
}
