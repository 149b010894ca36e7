const NUMBER_MARK = String.raw`(?:n\s*(?:[\u00b0\u00ba]|o\.|\.)?\s*)?`;
const CIRCULAR = new RegExp(String.raw`\bcircular\s+${NUMBER_MARK}(\d{1,5})`, 'i');
const RESOLUTION = new RegExp(String.raw`\bres(?:oluci[o\u00f3]n|\.)\s*(?:ex(?:enta|\.)?\s*)?(?:sii\s*)?${NUMBER_MARK}(\d{1,5})`, 'i');
const YEAR_AFTER_NUMBER = /^\s*(?:\/\s*|del?\s+(?:\d{1,2}\s+de\s+[a-z\u00e1\u00e9\u00ed\u00f3\u00fa]+\s+(?:del?\s+)?)?)(\d{4})\b/i;

/** A norm's number and (when written next to it) year, from a title such as "Res. Ex. SII N°58/2017". */
export interface NormNumber {
  number: string;
  year: number | null;
}

function extract(pattern: RegExp, text: string): NormNumber | null {
  const match = pattern.exec(text);
  if (!match) return null;
  const rest = text.slice((match.index ?? 0) + match[0].length);
  const year = YEAR_AFTER_NUMBER.exec(rest);
  return { number: String(Number(match[1])), year: year ? Number(year[1]) : null };
}

/** Number of a circular: "Circular N° 35 del 31 de Agosto del 2026" → 35 (year 2026). */
export function extractCircularNumber(text: string): NormNumber | null {
  return extract(CIRCULAR, text);
}

/** Number of a resolution in any of its written forms ("Resolución Exenta SII N° 128", "Res. Ex. N°154/2025"...). */
export function extractResolutionNumber(text: string): NormNumber | null {
  return extract(RESOLUTION, text);
}

/** Digits in a document file name, `circu35.pdf` or `reso128.pdf` → "128". */
export function numberFromFileName(href: string): string | null {
  const file = href.split(/[?#]/)[0].split('/').pop() ?? '';
  const match = /(\d{1,5})\.(?:pdf|htm|html)$/i.exec(file);
  return match ? String(Number(match[1])) : null;
}
