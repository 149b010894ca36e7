import { load } from 'src/common/html/cheerio';

import type { TaxBracket } from '../indicators/indicator-set';
import { normalizeHeading, parseChileanNumber, periodKey, SourceFormatError, spanishMonth } from './chilean-text';

/** One monthly impuesto único bracket as SII prints it, in pesos; `to` null for the open top bracket. */
export interface PesoTaxBracket {
  from: number;
  to: number | null;
  factor: number;
  rebaja: number;
}

const round2 = (value: number) => Math.round(value * 100) / 100;
const round4 = (value: number) => Math.round(value * 10_000) / 10_000;

/**
 * Parses SII's yearly impuesto único page (`impuesto{YYYY}.htm`): one `div.meses` per month headed `<h3>Enero 2026</h3>`,
 * rows period (MENSUAL, with rowspan) · desde · hasta · factor · rebaja · tasa efectiva. Only the MENSUAL rows are kept.
 * Cells are read as `th, td` in order, so the page's malformed `<th>…</td>` cells do not shift columns.
 */
export function parseSiiTaxYear(html: string, year: number): Map<string, PesoTaxBracket[]> {
  const $ = load(html);
  const months = new Map<string, PesoTaxBracket[]>();
  const blocks = $('div.meses');
  if (blocks.length === 0) throw new SourceFormatError('impuesto page: no div.meses blocks');
  blocks.each((_, block) => {
    const heading = $(block).find('h3').first().text();
    const month = spanishMonth(heading);
    if (!month || !heading.includes(String(year))) return;
    const brackets: PesoTaxBracket[] = [];
    let label = '';
    $(block)
      .find('table tr')
      .each((__, row) => {
        const cells = $(row)
          .find('th, td')
          .map((___, cell) => $(cell).text())
          .get() as string[];
        if (cells.length === 6) label = normalizeHeading(cells.shift()!);
        if (cells.length !== 5 || label !== 'mensual') return;
        const [desde, hasta, factor, rebaja] = cells;
        const open = /y\s*m[aá]s/i.test(hasta);
        const to = open ? null : parseChileanNumber(hasta);
        if (!open && to === null) return;
        brackets.push({ from: parseChileanNumber(desde) ?? 0, to, factor: parseChileanNumber(factor) ?? 0, rebaja: parseChileanNumber(rebaja) ?? 0 });
      });
    if (brackets.length > 0) months.set(periodKey(year, month), brackets);
  });
  return months;
}

/** Converts a month's peso brackets to UTM brackets with that month's UTM (limits to 2 decimals, as the law writes them). */
export function toUtmBrackets(brackets: readonly PesoTaxBracket[], utm: number): TaxBracket[] {
  let from = 0;
  return brackets.map((b) => {
    const bracket: TaxBracket = { fromUtm: from, toUtm: b.to === null ? null : round2(b.to / utm), factor: round4(b.factor), rebajaUtm: round2(b.rebaja / utm) };
    from = bracket.toUtm ?? from;
    return bracket;
  });
}
