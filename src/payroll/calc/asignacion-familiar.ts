import { AsignacionFamiliarTramo } from '../indicators/indicator-set';

/** Asignación familiar for `cargas` dependants at the tramo of `income` (tramo D pays 0). */
export function asignacionFamiliar(income: number, cargas: number, tramos: readonly AsignacionFamiliarTramo[]): { tramo: AsignacionFamiliarTramo['tramo']; amount: number } {
  const tramo = tramos.find((t) => t.maxIncome === null || income <= t.maxIncome) ?? tramos[tramos.length - 1];
  return { tramo: tramo.tramo, amount: tramo.amount * Math.max(0, Math.trunc(cargas)) };
}
