/** Small deterministic hashes for ids, embeddings and log-probabilities. */

/** 32-bit FNV-1a of a string. */
export function fnv1a(text: string, seed = 0x811c9dc5): number {
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** A deterministic alphanumeric id of `length` characters derived from `text` (like vendors' `call_…` ids). */
export function idFrom(text: string, length = 24): string {
  let out = '';
  let hash = fnv1a(text);
  while (out.length < length) {
    hash = fnv1a(String(hash), hash);
    out += ALPHABET[hash % ALPHABET.length];
  }
  return out;
}
