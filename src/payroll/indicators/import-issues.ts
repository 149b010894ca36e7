import type { IndicatorIssue } from './parse-indicator-set';

/** Most locations listed in a rejected import; the rest are counted. */
const MAX_LOCATIONS = 50;

/** Where an issue is: 'row 3 (2026-06 uf)', 'set 2 (2026-05 afpCommissionPct)' for JSON, or '2026-06 utm' / 'file'. */
function location(issue: IndicatorIssue, format: 'json' | 'csv'): string {
  const what = [issue.period, issue.field].filter(Boolean).join(' ');
  if (issue.row !== undefined) return `${format === 'csv' ? 'row' : 'set'} ${issue.row} (${what})`;
  return what === '(file)' || what === '' ? 'file' : what;
}

/** Groups a rejected import's issues by location for the 400 body (at most 50 locations, the rest counted in a last entry). */
export function importIssueDetails(issues: IndicatorIssue[], format: 'json' | 'csv'): { field: string; problems: string[] }[] {
  const grouped = new Map<string, string[]>();
  for (const issue of issues) {
    const key = location(issue, format);
    grouped.set(key, [...(grouped.get(key) ?? []), issue.message]);
  }
  const details = [...grouped].map(([field, problems]) => ({ field, problems }));
  if (details.length <= MAX_LOCATIONS) return details;
  const rest = details.length - MAX_LOCATIONS;
  return [...details.slice(0, MAX_LOCATIONS), { field: 'more', problems: [`${rest} more location(s) with problems`] }];
}
