import { stripAccents } from 'src/common/text/accents';

/** The AFP fund administrators known to the indicator tables. */
export const AFP_FUNDS = ['capital', 'cuprum', 'habitat', 'modelo', 'planvital', 'provida', 'uno'] as const;

/** One AFP fund administrator, lower-case. */
export type AfpFund = (typeof AFP_FUNDS)[number];

/**
 * How far a value can be trusted: `confirmed` (an official source, fetched or researched), `derived` (computed from
 * confirmed values, e.g. the tax table from the UTM), `carried_forward` (copied from an earlier month while the source
 * has not published), `imported` (pinned by an admin; the scheduled fetch never replaces it), `unofficial` (only
 * unofficial sources) or `missing`.
 */
export type IndicatorStatus = 'confirmed' | 'derived' | 'carried_forward' | 'imported' | 'unofficial' | 'missing';

/** Every status, as accepted in stored and imported sets. */
export const INDICATOR_STATUSES: readonly IndicatorStatus[] = ['confirmed', 'derived', 'carried_forward', 'imported', 'unofficial', 'missing'];

/** Where a fetched value was read: page URL, fetch time and SHA-256 of the page bytes. */
export interface IndicatorProvenance {
  sourceUrl?: string;
  fetchedAt?: string;
  sourceHash?: string;
  /** For `carried_forward`: the period the value was copied from. */
  carriedFrom?: string;
}

/** One indicator value with where it comes from; `value` is null exactly when `status` is 'missing'. */
export interface IndicatorValue<T> extends IndicatorProvenance {
  value: T | null;
  source: string;
  status: IndicatorStatus;
  confirmed: boolean;
  note?: string;
}

/** Worker and employer unemployment-insurance (AFC) rates in percent for one contract situation. */
export interface AfcRate {
  worker: number;
  employer: number;
}

/** AFC rates by contract situation (Ley 19.728). */
export interface AfcRates {
  indefinido: AfcRate;
  plazoFijo: AfcRate;
  indefinido11Anos: AfcRate;
}

/** Employer pension-reform contribution (Ley 21.735) in percent of the AFP base, with its split. */
export interface EmployerReform {
  totalPct: number;
  cciPct: number;
  seguroSocialPct: number;
}

/** One asignación familiar tramo: income up to `maxIncome` (null = no limit) gets `amount` per carga. */
export interface AsignacionFamiliarTramo {
  tramo: 'A' | 'B' | 'C' | 'D';
  maxIncome: number | null;
  amount: number;
}

/** One monthly impuesto único bracket expressed in UTM; `toUtm` null for the open top bracket. */
export interface TaxBracket {
  fromUtm: number;
  toUtm: number | null;
  factor: number;
  rebajaUtm: number;
}

/** Gratificación legal art. 50: `pct` of monthly remunerations, capped at `annualCapImm` × IMM / 12 per month. */
export interface GratificacionRule {
  pct: number;
  annualCapImm: number;
}

/** APV tax-favoured limits in UF. */
export interface ApvTopes {
  monthlyUf: number;
  annualUf: number;
}

/** All payroll indicators of one remuneration month; plain JSON so it can be stored as-is. */
export interface IndicatorSet {
  period: string;
  uf: IndicatorValue<number>;
  utm: IndicatorValue<number>;
  uta: IndicatorValue<number>;
  imm: IndicatorValue<number>;
  immMenores18Mayores65: IndicatorValue<number>;
  immNoRemuneracional: IndicatorValue<number>;
  topeAfpSaludUf: IndicatorValue<number>;
  topeAfcUf: IndicatorValue<number>;
  topeIpsUf: IndicatorValue<number>;
  afpMandatoryPct: IndicatorValue<number>;
  afpCommissionPct: IndicatorValue<Record<AfpFund, number>>;
  sisPct: IndicatorValue<number>;
  employerReform: IndicatorValue<EmployerReform>;
  afcRates: IndicatorValue<AfcRates>;
  healthPct: IndicatorValue<number>;
  asignacionFamiliar: IndicatorValue<AsignacionFamiliarTramo[]>;
  taxBrackets: IndicatorValue<TaxBracket[]>;
  gratificacion: IndicatorValue<GratificacionRule>;
  apvTopes: IndicatorValue<ApvTopes>;
  /** Split of a Fonasa affiliate's 7 % when the employer is in a CCAF (Previred publishes it); absent in older sets. */
  healthSplit?: IndicatorValue<HealthSplit>;
}

/** Percent of the imponible a Fonasa affiliate pays to Fonasa and to the employer's CCAF (together the 7 %). */
export interface HealthSplit {
  fonasaPct: number;
  ccafPct: number;
}

/** Keys of an IndicatorSet that every set holds (everything except `period` and the optional members). */
export type IndicatorKey = Exclude<keyof IndicatorSet, 'period' | 'healthSplit'>;

/** Every indicator key, in display order. */
export const INDICATOR_KEYS: readonly IndicatorKey[] = [
  'uf',
  'utm',
  'uta',
  'imm',
  'immMenores18Mayores65',
  'immNoRemuneracional',
  'topeAfpSaludUf',
  'topeAfcUf',
  'topeIpsUf',
  'afpMandatoryPct',
  'afpCommissionPct',
  'sisPct',
  'employerReform',
  'afcRates',
  'healthPct',
  'asignacionFamiliar',
  'taxBrackets',
  'gratificacion',
  'apvTopes',
];

/** Builds an IndicatorValue, deriving `confirmed` from the status and forcing 'missing' for null values. */
export function indicatorValue<T>(value: T | null, source: string, status: IndicatorStatus, note?: string): IndicatorValue<T> {
  const effective: IndicatorStatus = value === null ? 'missing' : status === 'missing' ? 'unofficial' : status;
  const result: IndicatorValue<T> = { value, source, status: effective, confirmed: effective === 'confirmed' };
  if (note) result.note = note;
  return result;
}

/** Normalises an AFP fund name as written by people or Odoo ("AFP PlanVital", "Plan Vital") to its key, or null. */
export function normaliseAfpName(name: string): AfpFund | null {
  const key = stripAccents(name.toLowerCase())
    .replace(/^afp\s*/, '')
    .replace(/[^a-z]/g, '');
  return (AFP_FUNDS as readonly string[]).includes(key) ? (key as AfpFund) : null;
}
