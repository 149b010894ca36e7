const LATIN1_NAMES = /^(?:iso-?8859-1|latin-?1|l1|windows-1252|cp1252|us-ascii|ascii)$/i;
const META_CHARSET = /<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_-]+)/i;

/** The charset named by a Content-Type header value, lower-cased, or null. */
export function charsetFromContentType(contentType: string | null | undefined): string | null {
  const match = /charset\s*=\s*["']?([a-z0-9_-]+)/i.exec(contentType ?? '');
  return match ? match[1].toLowerCase() : null;
}

/**
 * Decodes page bytes to text: the header charset wins, then a `<meta charset>` in the first 2 KB;
 * Latin-1 family pages use TextDecoder('latin1'); UTF-8 that turns out invalid falls back to Latin-1.
 */
export function decodePageBody(bytes: Uint8Array, contentType?: string | null): string {
  const declared = charsetFromContentType(contentType) ?? META_CHARSET.exec(new TextDecoder('latin1').decode(bytes.subarray(0, 2048)))?.[1]?.toLowerCase() ?? null;
  if (declared && LATIN1_NAMES.test(declared)) return new TextDecoder('latin1').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('latin1').decode(bytes);
  }
}
