import { AFP_FUNDS, AfcRate, AfcRates, AfpFund, AsignacionFamiliarTramo, normaliseAfpName } from '../indicators/indicator-set';
import { chileanNumbers, daysInMonth, normalizeHeading, parseChileanNumber, SourceFormatError, spanishMonth, spanishMonthName } from './chilean-text';
import { previredPeriod, PreviredMonth } from './previred.parser';

const AFP_MANDATORY_PCT = 10;
const round2 = (value: number) => Math.round(value * 100) / 100;
const NUMBER = String.raw`\d{1,3}(?:\.\d{3})*(?:,\d+)?`;
const PERCENT = String.raw`(\d+(?:,\d+)?)\s*%`;

/** The first Chilean number captured by `pattern` in `text`, or undefined. */
function capture(text: string, pattern: RegExp): number | undefined {
  return parseChileanNumber(pattern.exec(text)?.[1]) ?? undefined;
}

/** The "(90,0 UF)" of a label: topes and APV limits are stated in UF inside the label. */
const ufOf = (text: string, label: string) => capture(text, new RegExp(`${label}[^\\n(]*?(?:\\([^()\\n]*\\)\\s*)?\\((${NUMBER})\\s*uf\\)`));

/** Pesos right after a label: "Menores de 18 y Mayores de 65: $ 402.082". */
const pesosAfter = (text: string, label: string) => capture(text, new RegExp(`${label}\\s*:?\\s*\\$\\s*(${NUMBER})`));

function readUf(text: string, year: number, month: number): number | undefined {
  for (const match of text.matchAll(new RegExp(`al (\\d{1,2}) de ([a-z]+) del? (\\d{4})\\s*:?\\s*\\$\\s*(${NUMBER})`, 'g'))) {
    if (Number(match[1]) === daysInMonth(year, month) && spanishMonth(match[2]) === month && Number(match[3]) === year) return parseChileanNumber(match[4]) ?? undefined;
  }
  return undefined;
}

/**
 * AFP rows ("Capital 11,44% 0,1% 13,06%"). A PDF's text loses the table's columns (headers wrap over two lines), so
 * each rate is told by what it is, not where it stands: the worker rate is 10 % + commission (the smallest rate of 10 %
 * or more; the independent rate adds the SIS), the employer's Ley 21.735 share is under 1 %, a SIS column between 1 and 3 %.
 */
function readAfp(text: string, out: PreviredMonth): void {
  const start = text.search(/tasa cotizacion[^\n]*afp/);
  if (start < 0) {
    out.problems.push('AFP table: heading "TASA COTIZACIÓN ... AFP" not found');
    return;
  }
  const table = text.slice(start);
  const firstRow = table.search(/(?:^|\s)(capital|cuprum|habitat|plan ?vital|pro ?vida|modelo|uno)\s+\d/m);
  const header = firstRow < 0 ? table : table.slice(0, firstRow);
  if (!/trabajador|dependiente/.test(header)) {
    out.problems.push('AFP table: no worker-rate column');
    return;
  }
  const commissions: Partial<Record<AfpFund, number>> = {};
  for (const row of table.matchAll(new RegExp(`(?:^|\\s)(capital|cuprum|habitat|plan ?vital|pro ?vida|modelo|uno)((?:\\s+${PERCENT}(?:\\s*r\\.?\\s*i\\.?)?)+)`, 'gm'))) {
    const fund = normaliseAfpName(row[1]);
    if (!fund || commissions[fund] !== undefined) continue;
    const rates = chileanNumbers(row[2]);
    const worker = Math.min(...rates.filter((r) => r >= AFP_MANDATORY_PCT));
    if (!Number.isFinite(worker)) continue;
    commissions[fund] = round2(worker - AFP_MANDATORY_PCT);
    const employer = rates.find((r) => r < 1);
    if (/empleador/.test(header) && employer !== undefined && out.employerReform === undefined) out.employerReform = { totalPct: employer, cciPct: employer, seguroSocialPct: 0 };
    const sis = rates.find((r) => r >= 1 && r < 3);
    if (/\bsis\b/.test(header) && sis !== undefined && out.sisPct === undefined) out.sisPct = sis;
  }
  if (AFP_FUNDS.every((f) => commissions[f] !== undefined)) out.afpCommissionPct = commissions as Record<AfpFund, number>;
  else out.problems.push(`AFP table: missing ${AFP_FUNDS.filter((f) => commissions[f] === undefined).join(', ')}`);
}

/** AFC rows ("Plazo Indefinido 2,4% R.I. 0,6% R.I."), employer and worker columns ordered as the header line names them; "-" is 0 %. */
function readAfc(text: string): AfcRates | null {
  const start = text.search(/seguro de cesantia \(afc\)|seguro de cesantia\s*$/m);
  if (start < 0) return null;
  const table = text.slice(start);
  const header = table.split('\n').find((line) => /empleador/.test(line) && /trabajador/.test(line));
  if (!header) return null;
  const employerFirst = header.indexOf('empleador') < header.indexOf('trabajador');
  const rate = (label: string): AfcRate | null => {
    const match = new RegExp(`${label}\\s+(${PERCENT}(?:\\s*r\\.?\\s*i\\.?)?|-)\\s+(${PERCENT}(?:\\s*r\\.?\\s*i\\.?)?|-)`).exec(table);
    if (!match) return null;
    const [first, second] = [parseChileanNumber(match[1]) ?? 0, parseChileanNumber(match[3]) ?? 0];
    return employerFirst ? { employer: first, worker: second } : { employer: second, worker: first };
  };
  const indefinido = rate('plazo indefinido(?! 11)');
  const plazoFijo = rate('plazo fijo');
  const indefinido11Anos = rate('plazo indefinido 11 anos o mas');
  return indefinido && plazoFijo && indefinido11Anos ? { indefinido, plazoFijo, indefinido11Anos } : null;
}

/** "1 (A) $ 22.007 Renta < ó = $ 631.976" … "4 (D) $ 0 Renta > $ 1.439.668": amount, then the upper income limit (none for D). */
function readAsignacion(text: string): AsignacionFamiliarTramo[] | null {
  const tramos = (['A', 'B', 'C', 'D'] as const).map((tramo) => {
    const match = new RegExp(`\\d\\s*\\(${tramo.toLowerCase()}\\)\\s*\\$\\s*(${NUMBER})\\s*(renta[^\\n]*?)(?=\\d\\s*\\([a-d]\\)|\\n|$)`).exec(text);
    if (!match) return null;
    const limits = chileanNumbers(match[2]);
    const amount = parseChileanNumber(match[1]);
    return amount === null ? null : { tramo, amount, maxIncome: tramo === 'D' ? null : (limits.at(-1) ?? NaN) };
  });
  return tramos.every((t) => t !== null && (t.maxIncome === null || Number.isFinite(t.maxIncome))) ? (tramos as AsignacionFamiliarTramo[]) : null;
}

/**
 * Parses the text of Previred's monthly "Indicadores Previsionales" PDF (the second source when the page fails). The
 * extracted text keeps the words but not the table grid (two tables often share a line), so each value is found by the
 * label printed beside it ("Para afiliados a una AFP (90,0 UF)", "Menores de 18 y Mayores de 65:", "Tasa SIS"), numbers
 * written the Chilean way. Gives the same shape as the page parser; values it cannot find are left out and named in
 * `problems`.
 */
export function parsePreviredPdfText(raw: string): PreviredMonth {
  const text = raw
    .split(/\r?\n/)
    .map((line) => normalizeHeading(line))
    .filter((line) => line !== '')
    .join('\n');
  const period = previredPeriod(text);
  if (!period) throw new SourceFormatError('Previred PDF: no "Remuneraciones <mes> <año>" period line');
  const [year, month] = period.split('-').map(Number);
  const out: PreviredMonth = { period, problems: [] };

  out.ufMonthEnd = readUf(text, year, month);
  out.utm = capture(text, new RegExp(`${spanishMonthName(month).toLowerCase()} ${year}\\s*\\$\\s*(${NUMBER})\\s*\\$\\s*${NUMBER}`));
  out.topeAfpSaludUf = ufOf(text, 'afiliados a una afp');
  out.topeIpsUf = ufOf(text, 'afiliados al ips');
  out.topeAfcUf = ufOf(text, 'para seguro de cesantia');
  out.imm = pesosAfter(text, 'dependientes e independientes');
  out.immMenores18Mayores65 = pesosAfter(text, 'menores de 18 y mayores de 65');
  out.immNoRemuneracional = pesosAfter(text, 'fines no remuneracionales');
  out.apvMonthlyUf = ufOf(text, 'tope mensual');
  // Depósito convenido also prints a "Tope Anual (900 UF)", often on the same line: APV's is the one of 12 months.
  const annuals = [...text.matchAll(new RegExp(`tope anual \\((${NUMBER})\\s*uf\\)`, 'g'))].map((m) => parseChileanNumber(m[1])!);
  out.apvAnnualUf = annuals.find((uf) => out.apvMonthlyUf !== undefined && uf === out.apvMonthlyUf * 12) ?? (annuals.length === 1 ? annuals[0] : undefined);

  readAfp(text, out);
  out.sisPct ??= capture(text, new RegExp(`tasa sis:?\\s*${PERCENT}`));
  const seguroSocial = capture(text, new RegExp(`seguro social[^\\n%]*?${PERCENT}`));
  const cci = capture(text, new RegExp(`cuenta individual[^\\n%]*?${PERCENT}`)) ?? out.employerReform?.cciPct;
  if (seguroSocial !== undefined && cci !== undefined) out.employerReform = { totalPct: round2(cci + seguroSocial), cciPct: cci, seguroSocialPct: seguroSocial };

  out.afcRates = readAfc(text) ?? (out.problems.push('Seguro de cesantía table unreadable'), undefined);
  out.asignacionFamiliar = readAsignacion(text) ?? (out.problems.push('Asignación familiar table unreadable'), undefined);
  const ccaf = capture(text, new RegExp(`(?:^|\\s)ccaf:?\\s+${PERCENT}`, 'm'));
  const fonasa = capture(text, new RegExp(`(?:^|\\s)fonasa:?\\s+${PERCENT}`, 'm'));
  if (ccaf !== undefined && fonasa !== undefined) {
    if (Math.abs(ccaf + fonasa - 7) < 0.001) out.healthSplit = { fonasaPct: fonasa, ccafPct: ccaf };
    else out.problems.push(`CCAF ${ccaf} % + Fonasa ${fonasa} % is not the 7 %`);
  }
  for (const key of Object.keys(out) as (keyof PreviredMonth)[]) if (out[key] === undefined) delete out[key];
  if (Object.keys(out).length <= 2) throw new SourceFormatError('Previred PDF: no indicator found in the text');
  return out;
}
