import { isValidPeriod, nearestPeriod, periodOf } from './period';

/** Outcome of looking a requested period up among the stored ones; `nearest` is null only when nothing is stored. */
export type PeriodLookup = { kind: 'found'; period: string } | { kind: 'malformed'; requested: string; nearest: string | null } | { kind: 'unknown'; requested: string; nearest: string | null };

/** Reads sloppy spellings such as '2026-3', '2026/03' or '202603' as a period, or null. */
function loosePeriod(raw: string): string | null {
  const match = /^(\d{4})\D?(\d{1,2})$/.exec(raw.trim());
  if (!match) return null;
  const period = `${match[1]}-${match[2].padStart(2, '0')}`;
  return isValidPeriod(period) ? period : null;
}

/** Finds `raw` among `available`; when malformed or absent, names the nearest stored period (for a malformed one, nearest to what it seems to mean, else to the current month). */
export function lookupPeriod(raw: string, available: Iterable<string>, now: Date): PeriodLookup {
  const periods = [...available];
  if (!isValidPeriod(raw)) return { kind: 'malformed', requested: raw, nearest: nearestPeriod(loosePeriod(raw) ?? periodOf(now), periods) };
  if (periods.includes(raw)) return { kind: 'found', period: raw };
  return { kind: 'unknown', requested: raw, nearest: nearestPeriod(raw, periods) };
}

/** The Spanish message of a failed lookup, naming the nearest available period. */
export function lookupMessage(lookup: Exclude<PeriodLookup, { kind: 'found' }>): string {
  const hint = lookup.nearest ? `Período disponible más cercano: ${lookup.nearest}` : 'No hay indicadores cargados';
  return lookup.kind === 'malformed' ? `Formato de período inválido: ${JSON.stringify(lookup.requested)} (use YYYY-MM). ${hint}` : `No hay indicadores para ${lookup.requested}. ${hint}`;
}
