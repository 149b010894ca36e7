import type { CheerioAPI } from 'cheerio';
import { load } from 'src/common/html/cheerio';
import type { Element } from 'domhandler';

import { AFP_FUNDS, AfcRates, AfpFund, AsignacionFamiliarTramo, normaliseAfpName } from '../indicators/indicator-set';
import { chileanNumbers, daysInMonth, normalizeHeading, parseChileanNumber, periodKey, SourceFormatError, spanishMonth, spanishMonthName } from './chilean-text';

/** What Previred's "Indicadores Previsionales" page says about one remuneration month; absent tables leave fields out. */
export interface PreviredMonth {
  /** The remuneration month ('YYYY-MM'); the page is paid the month after. */
  period: string;
  ufMonthEnd?: number;
  utm?: number;
  imm?: number;
  immMenores18Mayores65?: number;
  immNoRemuneracional?: number;
  topeAfpSaludUf?: number;
  topeIpsUf?: number;
  topeAfcUf?: number;
  apvMonthlyUf?: number;
  apvAnnualUf?: number;
  afpCommissionPct?: Record<AfpFund, number>;
  sisPct?: number;
  employerReform?: { totalPct: number; cciPct: number; seguroSocialPct: number };
  afcRates?: AfcRates;
  asignacionFamiliar?: AsignacionFamiliarTramo[];
  healthSplit?: { fonasaPct: number; ccafPct: number };
  /** Tables that were present but could not be read, for the run report. */
  problems: string[];
}

interface Table {
  heading: string;
  rows: string[][];
}

const AFP_MANDATORY_PCT = 10;
const round2 = (value: number) => Math.round(value * 100) / 100;
const ufInParentheses = (label: string) => parseChileanNumber(/\(([\d.,]+)\s*uf\)/.exec(label)?.[1]);

function tablesOf($: CheerioAPI): Table[] {
  const root = $('div.journal-content-article').length > 0 ? $('div.journal-content-article') : $('body');
  return root
    .find('table')
    .toArray()
    .map((table: Element) => {
      const headingCell = $(table).find('td.encabezado_tabla_ind').first();
      const rows = $(table)
        .find('tr')
        .toArray()
        .map((tr) =>
          $(tr)
            .find('th, td')
            .toArray()
            .filter((cell) => !$(cell).hasClass('encabezado_tabla_ind'))
            .map((cell) => normalizeHeading($(cell).text())),
        )
        .filter((cells) => cells.some((c) => c !== ''));
      const heading = headingCell.length > 0 ? normalizeHeading(headingCell.text()) : (rows.shift() ?? []).join(' ');
      return { heading, rows };
    });
}

const find = (tables: Table[], pattern: RegExp) => tables.find((t) => pattern.test(t.heading));
const rowValue = (table: Table | undefined, label: RegExp) => {
  const row = table?.rows.find((cells) => label.test(cells[0] ?? ''));
  return row ? { label: row[0], value: parseChileanNumber(row.slice(1).join(' ')) } : null;
};

function readAfp(table: Table, out: PreviredMonth): void {
  const headerIndex = table.rows.findIndex((cells) => cells.some((c) => /empleador|trabajador|sis/.test(c)) && !normaliseAfpName(cells[0] ?? ''));
  const header = table.rows[headerIndex] ?? [];
  const column = (test: (h: string) => boolean) => header.findIndex(test);
  const worker = column((h) => /trabajador|dependiente/.test(h) && !/independ/.test(h));
  const employer = column((h) => /empleador/.test(h));
  const sis = column((h) => /\bsis\b|invalidez/.test(h));
  if (worker < 0) {
    out.problems.push('AFP table: no worker-rate column');
    return;
  }
  const commissions: Partial<Record<AfpFund, number>> = {};
  for (const cells of table.rows.slice(headerIndex + 1)) {
    const fund = normaliseAfpName(cells[0] ?? '');
    const rate = parseChileanNumber(cells[worker]);
    if (!fund || rate === null) continue;
    commissions[fund] = round2(rate - AFP_MANDATORY_PCT);
    if (sis >= 0 && out.sisPct === undefined) out.sisPct = parseChileanNumber(cells[sis]) ?? undefined;
    if (employer >= 0 && out.employerReform === undefined) {
      const cci = parseChileanNumber(cells[employer]);
      if (cci !== null) out.employerReform = { totalPct: cci, cciPct: cci, seguroSocialPct: 0 };
    }
  }
  if (AFP_FUNDS.every((f) => commissions[f] !== undefined)) out.afpCommissionPct = commissions as Record<AfpFund, number>;
  else out.problems.push(`AFP table: missing ${AFP_FUNDS.filter((f) => commissions[f] === undefined).join(', ')}`);
}

function readAfc(table: Table): AfcRates | null {
  const header = table.rows.find((cells) => cells.some((c) => /empleador/.test(c))) ?? [];
  const employer = header.findIndex((h) => /empleador/.test(h));
  const worker = header.findIndex((h) => /trabajador/.test(h));
  const rate = (label: RegExp, exclude?: RegExp) => {
    const row = table.rows.find((cells) => label.test(cells[0] ?? '') && !(exclude && exclude.test(cells[0])));
    return row ? { employer: parseChileanNumber(row[employer]) ?? 0, worker: parseChileanNumber(row[worker]) ?? 0 } : null;
  };
  const indefinido = rate(/indefinido/, /11/);
  const plazoFijo = rate(/plazo fijo/);
  const indefinido11Anos = rate(/indefinido.*11/);
  return employer > 0 && worker > 0 && indefinido && plazoFijo && indefinido11Anos ? { indefinido, plazoFijo, indefinido11Anos } : null;
}

function readAsignacion(table: Table): AsignacionFamiliarTramo[] | null {
  const tramos: AsignacionFamiliarTramo[] = [];
  for (const cells of table.rows) {
    const letter = /\(([abcd])\)/.exec(cells[0] ?? '')?.[1]?.toUpperCase() as AsignacionFamiliarTramo['tramo'] | undefined;
    const amount = parseChileanNumber(cells[1]);
    if (!letter || amount === null) continue;
    const limits = chileanNumbers(cells.slice(2).join(' '));
    tramos.push({ tramo: letter, amount, maxIncome: letter === 'D' ? null : (limits.at(-1) ?? NaN) });
  }
  const ordered = (['A', 'B', 'C', 'D'] as const).map((t) => tramos.find((x) => x.tramo === t));
  return ordered.every((t) => t && (t.maxIncome === null || Number.isFinite(t.maxIncome))) ? (ordered as AsignacionFamiliarTramo[]) : null;
}

/** The remuneration month the page is about: "Para Cotizaciones a Pagar en Agosto 2026 (Remuneraciones Julio 2026)". */
export function previredPeriod(text: string): string | null {
  const match = /remuneraciones\s+([a-z]+)\s+(?:de\s+|del\s+)?(\d{4})/.exec(normalizeHeading(text));
  const month = match ? spanishMonth(match[1]) : null;
  return month ? periodKey(Number(match![2]), month) : null;
}

/**
 * Parses Previred's "Indicadores Previsionales" page. Tables are found by their heading text (`td.encabezado_tabla_ind`:
 * "VALOR UF", "RENTAS TOPES IMPONIBLES", "TASA COTIZACIÓN OBLIGATORIO AFP", "ASIGNACIÓN FAMILIAR"…) and columns by their
 * header text, never by position, so the employer column added in Aug-2025 (Ley 21.735) does not shift the rates.
 */
export function parsePreviredPage(html: string): PreviredMonth {
  const $ = load(html);
  const period = previredPeriod($('body').text());
  if (!period) throw new SourceFormatError('Previred page: no "Remuneraciones <mes> <año>" period line');
  const tables = tablesOf($);
  if (tables.length === 0) throw new SourceFormatError('Previred page: no tables');
  const out: PreviredMonth = { period, problems: [] };
  const [year, month] = period.split('-').map(Number);
  const monthName = spanishMonthName(month).toLowerCase();

  const uf = find(tables, /valor uf/);
  const ufRow = uf?.rows.find((cells) => cells[0]?.includes(monthName) && cells[0].includes(String(daysInMonth(year, month))));
  if (ufRow) out.ufMonthEnd = parseChileanNumber(ufRow.slice(1).join(' ')) ?? undefined;

  const utm = find(tables, /utm/);
  const utmRow = utm?.rows.find((cells) => cells[0]?.includes(monthName));
  if (utmRow) out.utm = parseChileanNumber(utmRow[1]) ?? undefined;

  const topes = find(tables, /topes imponibles/);
  for (const cells of topes?.rows ?? []) {
    const uf = ufInParentheses(cells[0] ?? '');
    if (uf === null) continue;
    if (/afp/.test(cells[0])) out.topeAfpSaludUf = uf;
    else if (/ips|inp/.test(cells[0])) out.topeIpsUf = uf;
    else if (/cesantia/.test(cells[0])) out.topeAfcUf = uf;
  }

  const minimums = find(tables, /rentas minimas/);
  out.imm = rowValue(minimums, /dependientes/)?.value ?? undefined;
  out.immMenores18Mayores65 = rowValue(minimums, /menores de 18/)?.value ?? undefined;
  out.immNoRemuneracional = rowValue(minimums, /no remuneracional/)?.value ?? undefined;

  const apv = find(tables, /ahorro previsional voluntario/);
  out.apvMonthlyUf = ufInParentheses(rowValue(apv, /mensual/)?.label ?? '') ?? undefined;
  out.apvAnnualUf = ufInParentheses(rowValue(apv, /anual/)?.label ?? '') ?? undefined;

  const afp = find(tables, /cotizacion obligatori[oa] afp|tasa cotizacion.*afp/);
  if (afp) readAfp(afp, out);
  const reform = find(tables, /21\.?735|cotizacion empleador/);
  const seguroSocial = rowValue(reform, /seguro social/)?.value;
  const cci = rowValue(reform, /cuenta individual|cci/)?.value ?? out.employerReform?.cciPct;
  if (seguroSocial != null && cci != null) out.employerReform = { totalPct: round2(cci + seguroSocial), cciPct: cci, seguroSocialPct: seguroSocial };

  const afc = find(tables, /seguro de cesantia/);
  if (afc) out.afcRates = readAfc(afc) ?? (out.problems.push('Seguro de cesantía table unreadable'), undefined);
  const asignacion = find(tables, /asignacion familiar/);
  if (asignacion) out.asignacionFamiliar = readAsignacion(asignacion) ?? (out.problems.push('Asignación familiar table unreadable'), undefined);
  const health = find(tables, /ccaf/);
  const fonasa = rowValue(health, /fonasa/)?.value;
  const ccaf = rowValue(health, /ccaf|caja/)?.value;
  if (fonasa != null && ccaf != null) out.healthSplit = { fonasaPct: fonasa, ccafPct: ccaf };
  for (const key of Object.keys(out) as (keyof PreviredMonth)[]) if (out[key] === undefined) delete out[key];
  return out;
}
