import { load } from 'src/common/html/cheerio';

import { daysInMonth, normalizeHeading, parseChileanNumber, periodKey, SourceFormatError, spanishMonth } from './chilean-text';

/** UF of the last day of each month of a year whose last day is published, keyed by 'YYYY-MM'. */
export interface UfYear {
  year: number;
  monthEnd: Map<string, number>;
  /** Last published day overall, 'YYYY-MM-DD' (shows how far Banco Central has fixed the UF). */
  lastPublished: string | null;
}

/**
 * Parses SII's yearly UF page (`uf{YYYY}.htm`): `table#table_export` with one row per day, `<th>day</th>` then 12 `<td>`
 * (one per month); unpublished days are `&nbsp;`. Pages before 2013 use `table.tabla` with the same layout.
 */
export function parseSiiUfYear(html: string, year: number): UfYear {
  const $ = load(html);
  const table = $('table#table_export').first().length > 0 ? $('table#table_export').first() : $('table.tabla').first();
  if (table.length === 0) throw new SourceFormatError('UF page: table#table_export not found');
  const byDay = new Map<number, (number | null)[]>();
  table.find('tr').each((_, row) => {
    const day = Number($(row).find('th').first().text().trim());
    const cells = $(row)
      .find('td')
      .toArray()
      .map((td) => parseChileanNumber($(td).text()));
    if (Number.isInteger(day) && day >= 1 && day <= 31 && cells.length === 12) byDay.set(day, cells);
  });
  if (byDay.size < 28) throw new SourceFormatError(`UF page: expected 31 day rows with 12 months, found ${byDay.size}`);
  const monthEnd = new Map<string, number>();
  let lastPublished: string | null = null;
  for (let month = 1; month <= 12; month++) {
    for (let day = 1; day <= daysInMonth(year, month); day++) {
      if (byDay.get(day)?.[month - 1] != null) lastPublished = `${periodKey(year, month)}-${String(day).padStart(2, '0')}`;
    }
    const last = byDay.get(daysInMonth(year, month))?.[month - 1];
    if (last != null) monthEnd.set(periodKey(year, month), last);
  }
  return { year, monthEnd, lastPublished };
}

/** UTM and UTA of one month as SII publishes them. */
export interface UtmMonth {
  utm: number;
  uta: number;
}

/** Parses SII's yearly UTM page (`utm{YYYY}.htm`): `table#table_export tbody tr` with the month in `th`, then UTM, UTA, IPC… */
export function parseSiiUtmYear(html: string, year: number): Map<string, UtmMonth> {
  const $ = load(html);
  const table = $('table#table_export').first();
  if (table.length === 0) throw new SourceFormatError('UTM page: table#table_export not found');
  const months = new Map<string, UtmMonth>();
  table.find('tr').each((_, row) => {
    const month = spanishMonth($(row).find('th').first().text());
    const [utm, uta] = $(row)
      .find('td')
      .toArray()
      .map((td) => parseChileanNumber($(td).text()));
    if (month && utm && uta) months.set(periodKey(year, month), { utm, uta });
  });
  if (months.size === 0 && !/utm/i.test(normalizeHeading(table.text()))) throw new SourceFormatError('UTM page: no month rows');
  return months;
}
