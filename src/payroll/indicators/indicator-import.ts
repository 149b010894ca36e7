import { hasControlCharacter } from 'src/common/text/control-characters';
import { AFP_FUNDS, AfpFund, IndicatorSet, IndicatorStatus, IndicatorValue, indicatorValue } from './indicator-set';
import { parseCsv, parseLocaleNumber } from './csv';
import { AFP_COMMISSION_RANGE, ASIGNACION_AMOUNT_RANGE, ASIGNACION_INCOME_RANGE, EMPLOYER_REFORM_RANGE, SCALAR_RANGES, rangeProblem } from './indicator-ranges';
import { IndicatorIssue, IndicatorParseResult, indicatorSetIssues } from './parse-indicator-set';
import { isValidPeriod } from './period';
import { isResearchFile, researchFileToSets } from './research-json';
import { loadShippedIndicators } from './shipped-indicators';
import { unknownKeys } from './unknown-keys';

/** Result of an import: every set (and the unknown keys kept in them), or every problem with the row/period that caused it (nothing is applied on failure). */
export type IndicatorImportResult = IndicatorParseResult<{ sets: IndicatorSet[]; keptUnknown: IndicatorIssue[] }>;

const SCALAR_FIELDS = {
  uf: 'uf',
  utm: 'utm',
  imm: 'imm',
  imm_menores_mayores: 'immMenores18Mayores65',
  imm_no_remuneracional: 'immNoRemuneracional',
  tope_afp_salud_uf: 'topeAfpSaludUf',
  tope_afc_uf: 'topeAfcUf',
  tope_ips_uf: 'topeIpsUf',
  sis_pct: 'sisPct',
} as const;
const REFORM_FIELDS = ['reforma_empleador_pct', 'reforma_cci_pct', 'reforma_seguro_social_pct'] as const;
const AFP_FIELDS = AFP_FUNDS.map((f) => `afp_${f}_comision_pct`);
const ASIG_FIELDS = ['a', 'b', 'c', 'd'].flatMap((t) => [`asig_fam_${t}_monto`, ...(t === 'd' ? [] : [`asig_fam_${t}_hasta`])]);
const REQUIRED = ['uf', 'utm', 'imm', 'tope_afp_salud_uf', 'tope_afc_uf', ...AFP_FIELDS];
const KNOWN = new Set<string>([...Object.keys(SCALAR_FIELDS), ...REFORM_FIELDS, ...AFP_FIELDS, ...ASIG_FIELDS]);

function rangeOf(field: string): readonly [number, number] {
  if (field in SCALAR_FIELDS) return SCALAR_RANGES[SCALAR_FIELDS[field as keyof typeof SCALAR_FIELDS]]!;
  if (field.startsWith('afp_')) return AFP_COMMISSION_RANGE;
  if (field.startsWith('reforma_')) return EMPLOYER_REFORM_RANGE;
  return field.endsWith('_monto') ? ASIGNACION_AMOUNT_RANGE : ASIGNACION_INCOME_RANGE;
}

interface Cell {
  value: number;
  source: string;
  status: IndicatorStatus;
}

/** Builds one period's set from its CSV cells; the statutory constants come from `template` (a shipped set). */
function setFromCells(period: string, cells: Map<string, Cell>, template: IndicatorSet): IndicatorSet {
  const missing = <T>(field: string): IndicatorValue<T> => indicatorValue<T>(null, `import: ${field} not given`, 'missing');
  const one = (field: string): IndicatorValue<number> => {
    const c = cells.get(field);
    return c ? indicatorValue(c.value, c.source, c.status) : missing(field);
  };
  const group = <T>(fields: readonly string[], build: (get: (f: string) => number) => T): IndicatorValue<T> => {
    const given = fields.map((f) => cells.get(f));
    if (given.some((c) => !c)) return missing(fields.filter((_, i) => !given[i]).join(', '));
    const status = given.some((c) => c!.status === 'unofficial') ? 'unofficial' : given.some((c) => c!.status === 'imported') ? 'imported' : 'confirmed';
    return indicatorValue(
      build((f) => cells.get(f)!.value),
      [...new Set(given.map((c) => c!.source))].join(', '),
      status,
    );
  };
  const scalars = Object.fromEntries(Object.entries(SCALAR_FIELDS).map(([field, key]) => [key, one(field)]));
  const utm = scalars.utm as IndicatorValue<number>;
  return {
    ...template,
    ...scalars,
    period,
    uta: indicatorValue(utm.value === null ? null : utm.value * 12, `derived UTM × 12 (${utm.source})`, utm.status),
    afpCommissionPct: group(AFP_FIELDS, (get) => Object.fromEntries(AFP_FUNDS.map((f) => [f, get(`afp_${f}_comision_pct`)])) as Record<AfpFund, number>),
    employerReform: group(REFORM_FIELDS, (get) => ({
      totalPct: get('reforma_empleador_pct'),
      cciPct: get('reforma_cci_pct'),
      seguroSocialPct: get('reforma_seguro_social_pct'),
    })),
    asignacionFamiliar: group(ASIG_FIELDS, (get) =>
      (['A', 'B', 'C', 'D'] as const).map((tramo) => ({
        tramo,
        maxIncome: tramo === 'D' ? null : get(`asig_fam_${tramo.toLowerCase()}_hasta`),
        amount: get(`asig_fam_${tramo.toLowerCase()}_monto`),
      })),
    ),
  } as IndicatorSet;
}

function parseCsvImport(content: string): IndicatorImportResult {
  const [header, ...rows] = parseCsv(content);
  const columns = header?.cells.map((c) => c.toLowerCase()) ?? [];
  if (!['period', 'field', 'value'].every((c) => columns.includes(c))) {
    return { ok: false, errors: [{ row: header?.line ?? 1, field: '(header)', message: 'header must name the columns period, field, value (optional: source, status)' }] };
  }
  const col = (name: string, cells: string[]) => (columns.includes(name) ? (cells[columns.indexOf(name)] ?? '') : '');
  const errors: IndicatorIssue[] = [];
  const periods = new Map<string, Map<string, Cell>>();
  for (const { line, cells } of rows) {
    const period = col('period', cells);
    const field = col('field', cells).toLowerCase();
    const fail = (message: string) => errors.push({ row: line, period: period || undefined, field: field || '(none)', message });
    const value = parseLocaleNumber(col('value', cells));
    const status = (col('status', cells) || 'confirmed').toLowerCase();
    if (!isValidPeriod(period)) fail(`period must be YYYY-MM, got '${period}'`);
    else if (!KNOWN.has(field)) fail(`unknown field '${field}'`);
    else if (value === null) fail(`value '${col('value', cells)}' is not a number`);
    else if (rangeProblem(value, rangeOf(field))) fail(rangeProblem(value, rangeOf(field))!);
    else if (!['confirmed', 'unofficial', 'imported'].includes(status)) fail(`status must be confirmed, unofficial or imported (pinned: the scheduled fetch never replaces it), got '${status}'`);
    else {
      const cellsOfPeriod = periods.get(period) ?? new Map<string, Cell>();
      if (cellsOfPeriod.has(field)) fail('field given twice for this period');
      cellsOfPeriod.set(field, { value, status: status as IndicatorStatus, source: col('source', cells) || 'import' });
      periods.set(period, cellsOfPeriod);
    }
  }
  if (rows.length === 0) errors.push({ row: header.line, field: '(file)', message: 'no data rows' });
  const sets: IndicatorSet[] = [];
  const template = loadShippedIndicators().values().next().value as IndicatorSet;
  for (const [period, cells] of periods) {
    for (const field of REQUIRED.filter((f) => !cells.has(f))) errors.push({ period, field, message: 'required field is missing' });
    const set = setFromCells(period, cells, template);
    errors.push(...indicatorSetIssues(set));
    sets.push(set);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, sets, keptUnknown: [] };
}

const CONTROL_CHARACTER_MESSAGE = 'contains a NUL or another control character (only tab and line breaks are allowed)';

/** True when some string (or key) inside a parsed JSON value holds a control character. */
function jsonHasControlCharacter(root: unknown): boolean {
  const pending = [root];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value === 'string' && hasControlCharacter(value)) return true;
    if (value === null || typeof value !== 'object') continue;
    for (const [key, child] of Object.entries(value)) {
      if (hasControlCharacter(key)) return true;
      pending.push(child);
    }
  }
  return false;
}

function parseJsonImport(content: string): IndicatorImportResult {
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch (error) {
    return { ok: false, errors: [{ field: '(file)', message: `not valid JSON: ${(error as Error).message}` }] };
  }
  if (jsonHasControlCharacter(json)) return { ok: false, errors: [{ field: '(file)', message: `a text value ${CONTROL_CHARACTER_MESSAGE}` }] };
  let candidates: unknown[];
  if (isResearchFile(json)) {
    try {
      candidates = [...researchFileToSets(json).values()];
    } catch (error) {
      return { ok: false, errors: [{ field: '(file)', message: `malformed research file (payroll-cl.json format): ${(error as Error).message}` }] };
    }
  } else if (Array.isArray(json)) candidates = json;
  else if (Array.isArray((json as { sets?: unknown })?.sets)) candidates = (json as { sets: unknown[] }).sets;
  else return { ok: false, errors: [{ field: '(file)', message: 'expected an array of indicator sets, {sets: [...]}, or the payroll-cl.json research format' }] };
  const unknown = candidates.map((c) => unknownKeys(c));
  const errors: IndicatorIssue[] = candidates.flatMap((c, index) => [...indicatorSetIssues(c), ...unknown[index].misspelt].map((issue) => ({ row: index + 1, ...issue })));
  const keptUnknown = unknown.flatMap((u, index) => u.kept.map((issue) => ({ row: index + 1, ...issue })));
  const periods = candidates.map((c) => (c as IndicatorSet)?.period);
  periods.forEach((p, i) => isValidPeriod(p) && periods.indexOf(p) !== i && errors.push({ row: i + 1, period: p, field: 'period', message: 'period appears twice' }));
  if (candidates.length === 0) errors.push({ field: '(file)', message: 'no indicator sets' });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, sets: candidates as IndicatorSet[], keptUnknown };
}

/**
 * Parses an indicator import; the whole file is rejected when any row is bad.
 *
 * JSON: an array of IndicatorSet, `{ "sets": [...] }`, or the research format of payroll-cl.json (`row` = 1-based set index).
 * CSV (long format, one value per row; `row` = file line): header `period,field,value[,source][,status]`, status
 * `confirmed` (default), `unofficial` or `imported` (pinned against the scheduled fetch), numbers plain or Chilean (`39.841,72`), delimiter `,` or `;`. Each period needs
 * uf, utm, imm, tope_afp_salud_uf, tope_afc_uf and afp_<fund>_comision_pct for all seven funds; optional:
 * imm_menores_mayores, imm_no_remuneracional, tope_ips_uf, sis_pct, reforma_empleador_pct + reforma_cci_pct +
 * reforma_seguro_social_pct, asig_fam_{a,b,c,d}_monto + asig_fam_{a,b,c}_hasta (all-or-none per group). UTA is derived
 * (UTM × 12); statutory constants (AFP 10 %, health 7 %, AFC rates, tax brackets, gratificación, APV) come from the
 * shipped data. Sample: test/fixtures/payroll/indicators-import.csv.
 */
export function parseIndicatorImport(content: string, format: 'json' | 'csv'): IndicatorImportResult {
  if (hasControlCharacter(content)) return { ok: false, errors: [{ field: '(file)', message: CONTROL_CHARACTER_MESSAGE }] };
  return format === 'csv' ? parseCsvImport(content) : parseJsonImport(content);
}
