import { IndicatorKey } from './indicator-set';

/** Plausible [min, max] for each scalar indicator; values outside are typos (e.g. a UF pasted as 3984172). */
export const SCALAR_RANGES: Partial<Record<IndicatorKey, readonly [number, number]>> = {
  uf: [20_000, 100_000],
  utm: [40_000, 150_000],
  uta: [480_000, 1_800_000],
  imm: [300_000, 2_000_000],
  immMenores18Mayores65: [200_000, 2_000_000],
  immNoRemuneracional: [150_000, 2_000_000],
  topeAfpSaludUf: [50, 200],
  topeAfcUf: [80, 300],
  topeIpsUf: [30, 120],
  afpMandatoryPct: [5, 20],
  sisPct: [0.5, 5],
  healthPct: [5, 15],
};

/** Plausible range of an AFP commission in percent. */
export const AFP_COMMISSION_RANGE = [0, 3] as const;

/** Plausible range of the employer pension-reform contribution in percent (8.5 % by 2033). */
export const EMPLOYER_REFORM_RANGE = [0, 10] as const;

/** Plausible range of one AFC rate in percent. */
export const AFC_RATE_RANGE = [0, 5] as const;

/** Plausible range of an asignación familiar amount per carga, in pesos. */
export const ASIGNACION_AMOUNT_RANGE = [0, 100_000] as const;

/** Plausible range of an asignación familiar tramo income limit, in pesos. */
export const ASIGNACION_INCOME_RANGE = [100_000, 5_000_000] as const;

/** Returns a message when `value` is not a finite number inside [min, max], else null. */
export function rangeProblem(value: unknown, [min, max]: readonly [number, number]): string | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a number';
  if (value < min || value > max) return `${value} is outside the plausible range ${min}–${max}`;
  return null;
}
