import { AfcRate, AfcRates } from '../indicators/indicator-set';
import { percentOf } from './decimal';

/** Contract kinds that decide the AFC (seguro de cesantía) split. */
export type ContractType = 'indefinido' | 'plazo_fijo' | 'obra';

/** Picks the AFC rates: fixed-term and per-work contracts 0/3.0, indefinite 0.6/2.4, indefinite with 11+ years 0/0.8. */
export function afcRateFor(contract: ContractType, yearsOfService: number, rates: AfcRates): AfcRate {
  if (contract !== 'indefinido') return rates.plazoFijo;
  return yearsOfService >= 11 ? rates.indefinido11Anos : rates.indefinido;
}

/** Worker and employer AFC contributions on the capped AFC base, each rounded half-up. */
export function afcContributions(base: number, rate: AfcRate): { worker: number; employer: number } {
  return { worker: percentOf(base, rate.worker), employer: percentOf(base, rate.employer) };
}
