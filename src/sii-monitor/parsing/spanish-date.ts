const MONTHS: Record<string, number> = {
  enero: 1,
  febrero: 2,
  marzo: 3,
  abril: 4,
  mayo: 5,
  junio: 6,
  julio: 7,
  agosto: 8,
  septiembre: 9,
  setiembre: 9,
  octubre: 10,
  noviembre: 11,
  diciembre: 12,
};

const SPANISH_DATE = /\b(\d{1,2})\s+de\s+([a-z\u00e1\u00e9\u00ed\u00f3\u00fa]+)\s+(?:del?\s+)?(\d{4})\b/gi;
const NUMERIC_DATE = /\b(\d{1,2})[/-](\d{1,2})[/-](\d{4})\b/g;

/** Builds YYYY-MM-DD when the parts form a real calendar date, else null. */
export function isoDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || year < 1900 || year > 2999) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCDate() !== day || date.getUTCMonth() !== month - 1) return null;
  return date.toISOString().slice(0, 10);
}

function fromSpanish(match: RegExpExecArray): string | null {
  const month = MONTHS[match[2].toLowerCase()];
  return month ? isoDate(Number(match[3]), month, Number(match[1])) : null;
}

function fromNumeric(match: RegExpExecArray): string | null {
  return isoDate(Number(match[3]), Number(match[2]), Number(match[1]));
}

/** The first date in the text, "31 de Agosto del 2026" or "31/08/2026" / "31-08-2026", as YYYY-MM-DD. */
export function parseSpanishDate(text: string): string | null {
  return findDates(text)[0] ?? null;
}

/** Every valid date in the text, in order of appearance, without duplicates. */
export function findDates(text: string): string[] {
  const found: Array<{ index: number; iso: string }> = [];
  for (const match of text.matchAll(SPANISH_DATE)) {
    const iso = fromSpanish(match as RegExpExecArray);
    if (iso) found.push({ index: match.index ?? 0, iso });
  }
  for (const match of text.matchAll(NUMERIC_DATE)) {
    const iso = fromNumeric(match as RegExpExecArray);
    if (iso) found.push({ index: match.index ?? 0, iso });
  }
  found.sort((a, b) => a.index - b.index);
  return [...new Set(found.map((entry) => entry.iso))];
}
