import { AFP_FUNDS, AfpFund, AsignacionFamiliarTramo, HealthSplit, IndicatorSet, IndicatorStatus, IndicatorValue, TaxBracket, indicatorValue } from './indicator-set';
import { isValidPeriod } from './period';

/** One sourced value of the research file (payroll-cl.json), as written there. */
interface ResearchValue {
  value?: unknown;
  source?: string;
  sources?: string[];
  status?: string;
  note?: string;
  split?: { cci?: number; seguro_social?: number } | null;
}

type ResearchMonth = { period: string } & Record<string, ResearchValue | string>;

/** Shape of the research file payroll-cl.json (only the parts read here). */
export interface ResearchFile {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the research file's constants are read by name
  constants: Record<string, any>;
  months: ResearchMonth[];
}

/** True when a parsed JSON document looks like the research file (has `constants` and `months`). */
export function isResearchFile(json: unknown): json is ResearchFile {
  const doc = json as ResearchFile;
  return typeof json === 'object' && json !== null && Array.isArray(doc.months) && typeof doc.constants === 'object';
}

// Companion minimums (menores de 18 / mayores de 65, fines no remuneracionales) from payroll-cl.md §2; not in the months.
const COMPANION_MINIMUMS: ReadonlyArray<{ from: string; to: string; minors: number; nonRem: number; source: string }> = [
  { from: '2024-07', to: '2024-12', minors: 372989, nonRem: 322295, source: 'S-IMM-2024' },
  { from: '2025-05', to: '2025-12', minors: 394622, nonRem: 340988, source: 'S-IMM-2025-05 / S-NEO' },
  { from: '2026-01', to: '2026-05', minors: 402082, nonRem: 347434, source: 'S-IMM-2026 / S-KAR' },
  { from: '2026-06', to: '2026-07', minors: 402082, nonRem: 347434, source: 'S-IMM-2026 (May-2026 reajuste NOT confirmed)' },
];

function sourceOf(raw: ResearchValue | undefined): string {
  if (!raw) return 'not in research file';
  if (raw.sources && raw.sources.length > 0) return raw.sources.join(', ');
  return raw.source ?? raw.note ?? 'not stated';
}

function statusFromText(raw: ResearchValue | undefined): IndicatorStatus {
  if (raw?.value === null || raw?.value === undefined) return 'missing';
  const status = (raw.status ?? '').toLowerCase();
  if (status.startsWith('not')) return 'missing';
  if (status.startsWith('unofficial') || (raw.source ?? '').toUpperCase().includes('CONFLICT')) return 'unofficial';
  return 'confirmed';
}

function numberValue(raw: ResearchValue | undefined, status = statusFromText(raw), note?: string): IndicatorValue<number> {
  const value = typeof raw?.value === 'number' ? raw.value : null;
  return indicatorValue(value, sourceOf(raw), status, note ?? raw?.note);
}

function companion(period: string, pick: 'minors' | 'nonRem'): IndicatorValue<number> {
  const row = COMPANION_MINIMUMS.find((r) => period >= r.from && period <= r.to);
  if (!row) return indicatorValue<number>(null, 'payroll-cl.md §2 (not collected for this period)', 'missing');
  const status: IndicatorStatus = row.source.includes('NOT confirmed') ? 'unofficial' : 'confirmed';
  return indicatorValue(row[pick], row.source, status);
}

function immValue(period: string, raw: ResearchValue | undefined): IndicatorValue<number> {
  const text = raw?.source ?? '';
  if (text.includes('conflict')) return numberValue(raw, 'unofficial', 'early press said 510.500');
  if (text.includes('reajuste NOT confirmed') && period >= '2026-06') {
    return numberValue(raw, 'unofficial', 'a reajuste was due from 2026-05-01; outcome not found');
  }
  return numberValue(raw, 'confirmed');
}

function asignacionFamiliar(period: string, raw: ResearchValue | undefined): IndicatorValue<AsignacionFamiliarTramo[]> {
  const table = raw?.value as Record<string, { max_income: number | null; amount: number }> | null | undefined;
  if (!table) return indicatorValue<AsignacionFamiliarTramo[]>(null, sourceOf(raw), 'missing');
  const tramos = (['A', 'B', 'C', 'D'] as const).map((tramo) => ({
    tramo,
    maxIncome: table[tramo].max_income,
    amount: table[tramo].amount,
  }));
  if (period >= '2026-05') {
    return indicatorValue(tramos, sourceOf(raw), 'unofficial', 'tramos may have changed from 2026-05-01 (unverified)');
  }
  return indicatorValue(tramos, sourceOf(raw), 'confirmed');
}

/** The Fonasa/CCAF split of a Fonasa affiliate's 7 % per range of months (`"2025-01..2026-01"`), as the research file lists it. */
function healthSplits(file: ResearchFile): Array<{ from: string; to: string; split: IndicatorValue<HealthSplit> }> {
  const ranges = (file.constants.health_pct?.fonasa_ccaf_split ?? {}) as Record<string, { fonasa?: number; ccaf?: number; source?: string }>;
  return Object.entries(ranges).flatMap(([range, row]) => {
    const [from, to] = range.split('..');
    if (!isValidPeriod(from) || !isValidPeriod(to) || typeof row.fonasa !== 'number' || typeof row.ccaf !== 'number') return [];
    const source = row.source ?? 'not stated';
    const singleSource = /not confirmed/i.test(source);
    const split = indicatorValue({ fonasaPct: row.fonasa, ccafPct: row.ccaf }, source, singleSource ? 'unofficial' : 'confirmed', singleSource ? 'single source' : undefined);
    return [{ from, to, split }];
  });
}

function constantsOf(file: ResearchFile) {
  const c = file.constants;
  const afc = c.seguro_cesantia;
  const brackets: TaxBracket[] = c.impuesto_unico_segunda_categoria_monthly_utm.brackets.map((b: { from_utm: number; to_utm: number | null; factor: number; rebaja_utm: number }) => ({
    fromUtm: b.from_utm,
    toUtm: b.to_utm,
    factor: b.factor,
    rebajaUtm: b.rebaja_utm,
  }));
  return {
    afpMandatoryPct: indicatorValue<number>(c.afp_mandatory_pct.value, c.afp_mandatory_pct.source, 'confirmed'),
    healthPct: indicatorValue<number>(c.health_pct.value, c.health_pct.source, 'confirmed'),
    afcRates: indicatorValue({ indefinido: afc.indefinido, plazoFijo: afc.plazo_fijo, indefinido11Anos: afc.indefinido_11_anos_o_mas }, afc.source, 'confirmed', 'statutory (Ley 19.728)'),
    taxBrackets: indicatorValue(brackets, c.impuesto_unico_segunda_categoria_monthly_utm.source, 'confirmed', 'top bracket (310 UTM+) confirmed by continuity only'),
    gratificacion: indicatorValue({ pct: 25, annualCapImm: 4.75 }, c.gratificacion_legal.source, 'confirmed'),
    apvTopes: indicatorValue({ monthlyUf: c.apv_topes_uf.monthly, annualUf: c.apv_topes_uf.annual }, c.apv_topes_uf.source, 'confirmed'),
    healthSplits: healthSplits(file),
  };
}

function monthToSet(month: ResearchMonth, constants: ReturnType<typeof constantsOf>): IndicatorSet {
  const field = (name: string) => month[name] as ResearchValue | undefined;
  const utm = numberValue(field('utm'));
  const commissions = field('afp_commission_pct');
  const reform = field('employer_pension_reform_pct');
  const reformPct = typeof reform?.value === 'number' ? reform.value : null;
  const healthSplit = constants.healthSplits.find((r) => month.period >= r.from && month.period <= r.to)?.split;
  return {
    period: month.period,
    ...(healthSplit ? { healthSplit } : {}),
    uf: numberValue(field('uf_last_day')),
    utm,
    uta: indicatorValue(utm.value === null ? null : utm.value * 12, `derived UTM × 12 (${utm.source})`, utm.status),
    imm: immValue(month.period, field('imm')),
    immMenores18Mayores65: companion(month.period, 'minors'),
    immNoRemuneracional: companion(month.period, 'nonRem'),
    topeAfpSaludUf: numberValue(field('tope_imponible_afp_salud_uf'), 'confirmed'),
    topeAfcUf: numberValue(field('tope_imponible_seguro_cesantia_uf')),
    topeIpsUf: numberValue(field('tope_imponible_ips_uf'), 'confirmed'),
    afpMandatoryPct: constants.afpMandatoryPct,
    afpCommissionPct: indicatorValue(Object.fromEntries(AFP_FUNDS.map((f) => [f, (commissions?.value as Record<AfpFund, number>)[f]])) as Record<AfpFund, number>, sourceOf(commissions), 'confirmed'),
    sisPct: numberValue(field('sis_employer_pct')),
    employerReform: indicatorValue(
      reformPct === null ? null : { totalPct: reformPct, cciPct: reform?.split?.cci ?? 0, seguroSocialPct: reform?.split?.seguro_social ?? 0 },
      sourceOf(reform),
      'confirmed',
    ),
    afcRates: constants.afcRates,
    healthPct: constants.healthPct,
    asignacionFamiliar: asignacionFamiliar(month.period, field('asignacion_familiar')),
    taxBrackets: constants.taxBrackets,
    gratificacion: constants.gratificacion,
    apvTopes: constants.apvTopes,
  };
}

/** Converts the research file (payroll-cl.json) into one IndicatorSet per listed period, keyed by period. */
export function researchFileToSets(file: ResearchFile): Map<string, IndicatorSet> {
  const constants = constantsOf(file);
  const sets = new Map<string, IndicatorSet>();
  for (const month of file.months) {
    if (!isValidPeriod(month.period)) throw new Error(`Invalid period in research file: ${String(month.period)}`);
    sets.set(month.period, monthToSet(month, constants));
  }
  return sets;
}
