/** CSV pieces that open cleanly in a spreadsheet: RFC 4180 quoting, CRLF line ends, dot decimals. */

export const CSV_EOL = '\r\n';

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A text cell: always quoted, inner quotes doubled; a value a spreadsheet would run as a formula
 * (starting with = + - @ or a tab) gets a leading apostrophe.
 */
export function csvText(value: string | null | undefined): string {
  const text = value ?? '';
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** A numeric cell, written as it is (integers, or decimal strings with a dot). */
export function csvNumber(value: number | bigint | string): string {
  const text = String(value);
  if (!/^-?\d+(\.\d+)?$/.test(text)) throw new Error(`not a plain number for CSV: "${text}"`);
  return text;
}

/** Joins ready-made cells into one CSV line, CRLF included. */
export function csvLine(cells: string[]): string {
  return cells.join(',') + CSV_EOL;
}

/** A header line: every column name quoted. */
export function csvHeader(columns: readonly string[]): string {
  return csvLine(columns.map((c) => csvText(c)));
}
