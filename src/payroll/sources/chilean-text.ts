import { stripAccents } from 'src/common/text/accents';

const SPANISH_MONTHS = ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'];

/** Lower-case, accent-free, single-spaced text for matching headings ("ASIGNACIÓN  FAMILIAR" → "asignacion familiar"). */
export function normalizeHeading(text: string): string {
  return stripAccents(text.replace(/\u00a0/g, ' '))
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The first number written the Chilean way in `text` (`39.841,72`, `$ 553.553`, `11,44%`, `2,4% R.I.`, `90,0 UF`);
 * null for empty cells, `&nbsp;`, `-.-` or `-`.
 */
export function parseChileanNumber(text: string | null | undefined): number | null {
  const match = /-?\d{1,3}(?:\.\d{3})+(?:,\d+)?|-?\d+(?:,\d+)?/.exec((text ?? '').replace(/\u00a0/g, ' '));
  if (!match) return null;
  const value = Number(match[0].replace(/\./g, '').replace(',', '.'));
  return Number.isFinite(value) ? value : null;
}

/** Every Chilean-formatted number in `text`, in order. */
export function chileanNumbers(text: string): number[] {
  return [...text.replace(/\u00a0/g, ' ').matchAll(/\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?/g)].map((m) => Number(m[0].replace(/\./g, '').replace(',', '.')));
}

/** Month number 1-12 of a Spanish month name ("Septiembre", "setiembre"), or null. */
export function spanishMonth(name: string): number | null {
  const key = normalizeHeading(name).replace('setiembre', 'septiembre');
  const index = SPANISH_MONTHS.findIndex((m) => key.startsWith(m));
  return index < 0 ? null : index + 1;
}

/** The Spanish month name of month 1-12, capitalised ("Julio"). */
export function spanishMonthName(month: number): string {
  const name = SPANISH_MONTHS[month - 1];
  return name[0].toUpperCase() + name.slice(1);
}

/** 'YYYY-MM' of a year and month 1-12. */
export const periodKey = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}`;

/** Number of days of a month 1-12. */
export const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Thrown when a page does not have the structure a parser expects (moved table, new layout). */
export class SourceFormatError extends Error {}
