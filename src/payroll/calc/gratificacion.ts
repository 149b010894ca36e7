import { GratificacionRule } from '../indicators/indicator-set';
import { percentOf, productToPesos } from './decimal';

/** Monthly cap of the art. 50 gratificación: annualCapImm × IMM / 12, rounded half-up (4,75 × 539.000 / 12 = 213.354). */
export function gratificacionMonthlyCap(imm: number, rule: GratificacionRule): number {
  return productToPesos([rule.annualCapImm, imm], 12);
}

/** Art. 50 monthly gratificación: 25 % of the month's remunerations, never above the monthly cap. */
export function gratificacionLegal(remunerations: number, imm: number, rule: GratificacionRule): number {
  return Math.min(percentOf(remunerations, rule.pct), gratificacionMonthlyCap(imm, rule));
}
