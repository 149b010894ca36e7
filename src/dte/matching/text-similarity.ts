/** Accent- and case-insensitive token similarity for Spanish product and project descriptions. */
import { stripAccents } from 'src/common/text/accents';

const STOPWORDS = new Set(['de', 'del', 'la', 'las', 'el', 'los', 'y', 'en', 'para', 'con', 'por', 'un', 'una', 'al', 'a', 'o']);

/** Lowercase, accents removed, punctuation to spaces. */
export function normalizeText(text: unknown): string {
  if (typeof text !== 'string' && typeof text !== 'number') return '';
  return stripAccents(String(text))
    .toLowerCase()
    .replace(/(\d)([a-z])/g, '$1 $2')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

function stem(token: string): string {
  if (token.length > 4 && token.endsWith('es')) return token.slice(0, -2);
  if (token.length > 3 && token.endsWith('s')) return token.slice(0, -1);
  return token;
}

/** Distinct meaningful tokens (stopwords dropped, simple plural stemming). */
export function tokens(text: unknown): Set<string> {
  return new Set(
    normalizeText(text)
      .split(' ')
      .filter((token) => token.length >= 2 && !STOPWORDS.has(token))
      .map(stem),
  );
}

/** Dice coefficient of two token sets, 0..1; matchers tokenize each text once and compare the sets many times. */
export function setSimilarity(left: ReadonlySet<string>, right: ReadonlySet<string>): number {
  if (left.size === 0 || right.size === 0) return 0;
  let shared = 0;
  for (const token of left) if (right.has(token)) shared++;
  return (2 * shared) / (left.size + right.size);
}

/** Share of the wanted tokens found in the available ones, 0..1. */
export function setCoverage(wanted: ReadonlySet<string>, available: ReadonlySet<string>): number {
  if (wanted.size === 0) return 0;
  let found = 0;
  for (const token of wanted) if (available.has(token)) found++;
  return found / wanted.size;
}

/** Dice coefficient of the token sets, 0..1. */
export function tokenSimilarity(a: unknown, b: unknown): number {
  return setSimilarity(tokens(a), tokens(b));
}

/** Share of the needle's tokens found in the haystack, 0..1 (for short names inside long descriptions). */
export function tokenCoverage(needle: unknown, haystack: unknown): number {
  return setCoverage(tokens(needle), tokens(haystack));
}

/** True when the text contains the code as a whole word (accent/case-insensitive). */
export function containsCode(text: unknown, code: unknown): boolean {
  const needle = normalizeText(code);
  if (needle === '') return false;
  return ` ${normalizeText(text)} `.includes(` ${needle} `);
}
