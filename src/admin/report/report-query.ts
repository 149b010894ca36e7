/** Parses and checks the finance report and usage export query strings; pure, no Nest. */

export const REPORT_GROUPS = ['day', 'provider', 'model', 'operation', 'company', 'apiKey', 'tag'] as const;
export type ReportGroup = (typeof REPORT_GROUPS)[number];

export const REPORT_FORMATS = ['csv', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Longest range one request may cover (ten years): long ranges are streamed, absurd ones are refused. */
export const MAX_RANGE_DAYS = 3660;

const DAY_MS = 86_400_000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A range of whole UTC days: `from` at 00:00 of the first day, `toExclusive` at 00:00 after the last. */
export interface DayRange {
  fromDay: string;
  toDay: string;
  from: Date;
  toExclusive: Date;
}

export interface ReportQuery extends DayRange {
  groupBy: ReportGroup;
  format: ReportFormat;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: { field: string; problems: string[] }[] };

/** The UTC midnight of a real calendar day written YYYY-MM-DD, or undefined. */
export function parseIsoDay(text: string | undefined): Date | undefined {
  const match = ISO_DAY.exec(text ?? '');
  if (!match) return undefined;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === text ? date : undefined;
}

/** Checks `from` and `to` (inclusive days, YYYY-MM-DD, from ≤ to, at most MAX_RANGE_DAYS). */
export function parseDayRange(raw: { from?: string; to?: string }): Parsed<DayRange> {
  const problems: { field: string; problems: string[] }[] = [];
  const from = parseIsoDay(raw.from);
  const to = parseIsoDay(raw.to);
  if (!from) problems.push({ field: 'from', problems: [`must be a calendar date YYYY-MM-DD, got ${JSON.stringify(raw.from ?? null)}`] });
  if (!to) problems.push({ field: 'to', problems: [`must be a calendar date YYYY-MM-DD, got ${JSON.stringify(raw.to ?? null)}`] });
  if (from && to && from > to) problems.push({ field: 'to', problems: [`must not be before from (${raw.from})`] });
  if (from && to && (to.getTime() - from.getTime()) / DAY_MS + 1 > MAX_RANGE_DAYS) problems.push({ field: 'to', problems: [`the range may span at most ${MAX_RANGE_DAYS} days`] });
  if (problems.length || !from || !to) return { ok: false, problems };
  return { ok: true, value: { fromDay: raw.from!, toDay: raw.to!, from, toExclusive: new Date(to.getTime() + DAY_MS) } };
}

/** Checks the whole finance report query; groupBy defaults to day and format to json. */
export function parseReportQuery(raw: { from?: string; to?: string; groupBy?: string; format?: string }): Parsed<ReportQuery> {
  const range = parseDayRange(raw);
  const problems = range.ok ? [] : [...range.problems];
  const groupBy = (raw.groupBy ?? 'day') as ReportGroup;
  const format = (raw.format ?? 'json') as ReportFormat;
  if (!REPORT_GROUPS.includes(groupBy)) problems.push({ field: 'groupBy', problems: [`must be one of ${REPORT_GROUPS.join(', ')}`] });
  if (!REPORT_FORMATS.includes(format)) problems.push({ field: 'format', problems: [`must be one of ${REPORT_FORMATS.join(', ')}`] });
  if (!range.ok || problems.length) return { ok: false, problems };
  return { ok: true, value: { ...range.value, groupBy, format } };
}
