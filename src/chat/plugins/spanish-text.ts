import { stripAccents } from 'src/common/text/accents';

/** Lowercases, strips accents and punctuation, and collapses spaces: "¿Anulación?" → "anulacion". */
export function normalizeSpanish(text: string): string {
  return stripAccents(text)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

// Longest first, so "aciones" wins over "es"; each entry keeps at least MIN_STEM letters.
const SUFFIXES = [
  'aciones',
  'iciones',
  'amiento',
  'imiento',
  'ciones',
  'acion',
  'icion',
  'mente',
  'cion',
  'idad',
  'ando',
  'iendo',
  'ados',
  'adas',
  'idos',
  'idas',
  'ado',
  'ada',
  'ido',
  'ida',
  'ar',
  'er',
  'ir',
  'es',
  'os',
  'as',
  's',
  'o',
  'a',
  'e',
];
const MIN_STEM = 3;

/** A crude Spanish stem of one normalized word, so "factura", "facturas" and "facturación" compare equal. */
export function stemSpanish(word: string): string {
  if (word.length <= MIN_STEM || /\d/.test(word)) return word;
  for (const suffix of SUFFIXES) {
    if (word.endsWith(suffix) && word.length - suffix.length >= MIN_STEM) {
      return stemSpanish(word.slice(0, -suffix.length));
    }
  }
  return word;
}

/** Normalized, stemmed words of a text. */
export function stemmedWords(text: string): string[] {
  const normalized = normalizeSpanish(text);
  return normalized ? normalized.split(' ').map(stemSpanish) : [];
}

/** True when `phrase` (already stemmed words) occurs contiguously in `words`. */
export function containsPhrase(words: readonly string[], phrase: readonly string[]): boolean {
  if (phrase.length === 0 || phrase.length > words.length) return false;
  for (let start = 0; start + phrase.length <= words.length; start++) {
    if (phrase.every((part, offset) => words[start + offset] === part)) return true;
  }
  return false;
}
