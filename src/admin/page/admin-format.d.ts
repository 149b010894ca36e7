/** Types for admin-format.js, the admin page's pure helpers (the page loads the .js file as is). */
export interface RoundedDecimal {
  negative: boolean;
  integer: string;
  text: string;
}
export interface CostBar {
  date: string;
  label: string;
  x: number;
  width: number;
  y: number;
  height: number;
}
export interface AlertLike {
  createdAt: string;
}
/** Rounds a decimal string half away from zero to a fixed number of decimals, by digit manipulation only. */
export function roundDecimal(text: string | null | undefined, decimals?: number): RoundedDecimal | null;
/** Formats a decimal money string as US dollars with fixed decimals; "—" when unreadable. */
export function formatUsd(text: string | null | undefined, decimals?: number): string;
/** Formats a 0..1 ratio as a percentage. */
export function formatPercent(ratio: number | null | undefined, decimals?: number): string;
/** Formats milliseconds as "850 ms" or "1.25 s". */
export function formatMs(ms: number | null | undefined): string;
/** Formats a count with thousands separators. */
export function formatCount(n: number | null | undefined): string;
/** "ok" below 80%, "warning" below 95%, else "critical". */
export function utilizationLevel(ratio: number | null | undefined): 'ok' | 'warning' | 'critical';
/** CSS tone of a provider or breaker state. */
export function stateTone(state: string): 'ok' | 'warn' | 'bad' | 'unknown';
/** First day of the current UTC month and today, as YYYY-MM-DD. */
export function monthToDateRange(now: Date): { from: string; to: string };
/** Newest alerts first, at most `limit` (20 by default). */
export function latestAlerts<T extends AlertLike>(alerts: T[] | null | undefined, limit?: number): T[];
/** Bar geometry for the daily cost chart. */
export function dailyCostBars(daily: { date: string; costUsd: string }[] | null | undefined, width: number, height: number): CostBar[];
