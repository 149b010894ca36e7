import { percentOf, ufToPesos } from './decimal';

/** Health system of the worker; an Isapre plan is priced in UF. */
export type HealthPlan = { system: 'fonasa' } | { system: 'isapre'; planUf?: number };

/** Expected health deduction and its legal 7 % portion (the part that lowers the tax base). */
export interface HealthContribution {
  legal: number;
  expected: number | null;
  planPesos: number | null;
}

/** Health deduction: Fonasa pays the legal % of the capped base; an Isapre the plan (UF × UF) when higher; unknown plan → expected null. */
export function healthContribution(base: number, healthPct: number, plan: HealthPlan, ufValue: number | null): HealthContribution {
  const legal = percentOf(base, healthPct);
  if (plan.system === 'fonasa') return { legal, expected: legal, planPesos: null };
  if (plan.planUf === undefined || ufValue === null) return { legal, expected: null, planPesos: null };
  const planPesos = ufToPesos(plan.planUf, ufValue);
  return { legal, expected: Math.max(legal, planPesos), planPesos };
}
