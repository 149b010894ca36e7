/** Chilean RUT parsing, modulo-11 check digit and canonical form (dte-rules.md §2). */

export interface ParsedRut {
  body: number;
  dv: string;
  /** Canonical form `12345678-5` (no dots, uppercase K). */
  canonical: string;
}

/** RUTs that look fake but are legitimate on SII documents: foreign receptor and anonymous consumer. */
export const SPECIAL_RUTS: readonly string[] = ['55555555-5', '66666666-6'];

const CANONICAL_RUT = /^[1-9]\d{0,7}-[\dK]$/;

/** Computes the modulo-11 check digit ('0'-'9' or 'K') of a RUT body. */
export function rutCheckDigit(body: number): string {
  let sum = 0;
  let weight = 2;
  for (let rest = Math.trunc(body); rest > 0; rest = Math.floor(rest / 10)) {
    sum += (rest % 10) * weight;
    weight = weight === 7 ? 2 : weight + 1;
  }
  const r = 11 - (sum % 11);
  return r === 11 ? '0' : r === 10 ? 'K' : String(r);
}

/** Parses a RUT written loosely (dots, spaces, lowercase k, `CL` prefix, no hyphen); null when it is not a RUT shape. */
export function parseRut(input: unknown): ParsedRut | null {
  if (typeof input !== 'string' && typeof input !== 'number') return null;
  let text = String(input).toUpperCase().replace(/[\s.]/g, '');
  if (text.startsWith('CL')) text = text.slice(2);
  const match = /^(\d{1,9})-?([\dK])$/.exec(text);
  if (!match) return null;
  const body = Number(match[1]);
  if (body <= 0 || body > 99_999_999) return null;
  return { body, dv: match[2], canonical: `${body}-${match[2]}` };
}

/** True when the text is already in the canonical SII form (`^\d{1,8}-[\dK]$`, no leading zero). */
export function isCanonicalRut(input: string): boolean {
  return CANONICAL_RUT.test(input);
}

/** True when the RUT parses and its check digit is correct. */
export function isValidRut(input: unknown): boolean {
  const parsed = parseRut(input);
  return parsed !== null && rutCheckDigit(parsed.body) === parsed.dv;
}

/** Canonical form of a loosely written RUT, or null when it cannot be parsed. */
export function normalizeRut(input: unknown): string | null {
  return parseRut(input)?.canonical ?? null;
}

/** True for 55555555-5 and 66666666-6. */
export function isSpecialRut(input: unknown): boolean {
  const canonical = normalizeRut(input);
  return canonical !== null && SPECIAL_RUTS.includes(canonical);
}
