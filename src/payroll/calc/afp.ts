import { AfpFund } from '../indicators/indicator-set';
import { percentOf, toMicros } from './decimal';

/** Worker AFP deduction: (mandatory % + the fund's commission %) of the capped AFP base, rounded half-up. */
export function afpWorkerContribution(base: number, mandatoryPct: number, commissionPct: number): number {
  const ratePct = Number(toMicros(mandatoryPct) + toMicros(commissionPct)) / 1e6;
  return percentOf(base, ratePct);
}

/** Funds whose rate reproduces `amount` on `base` within `tolerance` pesos, used when the slip does not name the AFP. */
export function fundsMatchingAmount(amount: number, base: number, mandatoryPct: number, commissions: Readonly<Record<AfpFund, number>>, tolerance = 1): AfpFund[] {
  return (Object.keys(commissions) as AfpFund[]).filter((fund) => Math.abs(afpWorkerContribution(base, mandatoryPct, commissions[fund]) - amount) <= tolerance);
}
