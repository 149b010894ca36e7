/** Lenient coercion of messy JSON values into the normalized field types. */
import { asRecord, isOdooEmpty, NUMERIC_TEXT } from 'src/common/odoo';
import type { NumberLike } from './normalized-dte';

export { asRecord };

/** Odoo's empty values except blank text, which text fields keep so H-01 can call them blank. */
function isAbsent(value: unknown): value is null | undefined | false {
  return value === null || value === undefined || value === false;
}

/** Numbers stay numbers, numeric text becomes a number, other text is kept for the rules to report; null/false/blank → undefined. */
export function toNumberLike(value: unknown): NumberLike | undefined {
  if (isOdooEmpty(value)) return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'boolean') return String(value);
  const text = String(value).trim();
  return NUMERIC_TEXT.test(text) ? Number(text) : text;
}

/** Text fields: numbers become text, null/undefined/false stay undefined, blanks are kept (so H-01 can call them blank). */
export function toText(value: unknown): string | undefined {
  if (isAbsent(value)) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** Dates: `YYYY-MM-DD` text kept as is, ISO datetimes cut to the date part; other text kept for D-01 to report. */
export function toDateText(value: unknown): string | undefined {
  const text = toText(value)?.trim();
  if (text === undefined || text === '') return text === '' ? '' : undefined;
  const iso = /^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}/.exec(text);
  return iso ? iso[1] : text;
}

/** A value that may be a single number or a list of them (Acteco, CodImpAdic), as a list; absent → undefined. */
export function toNumberList(value: unknown): NumberLike[] | undefined {
  if (isAbsent(value)) return undefined;
  return (Array.isArray(value) ? value : [value]).map((item) => toNumberLike(item) ?? '');
}

/** A value that may be a single item or an array, as an array of records. */
export function toRecordArray(value: unknown): Record<string, unknown>[] | undefined {
  if (isAbsent(value)) return undefined;
  const items = Array.isArray(value) ? value : [value];
  return items.map((item) => asRecord(item) ?? {});
}

/** Builds an object without the keys whose value is undefined, so `toEqual` and JSON output stay clean. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
