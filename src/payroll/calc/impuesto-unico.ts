import { TaxBracket } from '../indicators/indicator-set';
import { sumOfProductsToPesos, toMicros } from './decimal';

/** Deductions that lower the impuesto único base. */
export interface TaxBaseInput {
  imponible: number;
  afp: number;
  healthLegal: number;
  afcWorker: number;
}

/** Impuesto único base: imponible minus AFP, the legal 7 % health portion and the worker's AFC; never negative. */
export function impuestoUnicoBase(input: TaxBaseInput): number {
  return Math.max(0, input.imponible - input.afp - input.healthLegal - input.afcWorker);
}

/** Impuesto único of the month and the bracket used (1-based). */
export interface ImpuestoUnico {
  amount: number;
  bracket: number;
  factor: number;
  rebajaUtm: number;
}

/** Applies the monthly table: base × factor − rebaja × UTM, computed exactly, rounded half-up, never negative. */
export function impuestoUnico(base: number, utm: number, brackets: readonly TaxBracket[]): ImpuestoUnico {
  const baseMicros = toMicros(base) * 1_000_000n;
  const index = brackets.findIndex((b) => b.toUtm === null || baseMicros <= toMicros(b.toUtm) * toMicros(utm));
  const bracket = brackets[index === -1 ? brackets.length - 1 : index];
  const amount = Math.max(
    0,
    sumOfProductsToPesos([
      [base, bracket.factor],
      [-bracket.rebajaUtm, utm],
    ]),
  );
  return { amount, bracket: brackets.indexOf(bracket) + 1, factor: bracket.factor, rebajaUtm: bracket.rebajaUtm };
}
