import { EmployerReform } from '../indicators/indicator-set';
import { percentOf } from './decimal';

/** Inputs of the employer-side contributions of one month. */
export interface EmployerContributionInput {
  baseAfp: number;
  baseAfc: number;
  sisPct: number | null;
  afcEmployerPct: number;
  reform: EmployerReform | null;
}

/** Employer contributions in pesos; null where the month's rate is unknown. */
export interface EmployerContributions {
  sis: number | null;
  afcEmployer: number;
  reformTotal: number | null;
  reformCci: number | null;
  reformSeguroSocial: number | null;
}

/** Computes SIS, the employer AFC share and the Ley 21.735 contribution (1 % of the AFP base from 2025-08). */
export function employerContributions(input: EmployerContributionInput): EmployerContributions {
  const { baseAfp, reform } = input;
  return {
    sis: input.sisPct === null ? null : percentOf(baseAfp, input.sisPct),
    afcEmployer: percentOf(input.baseAfc, input.afcEmployerPct),
    reformTotal: reform === null ? null : percentOf(baseAfp, reform.totalPct),
    reformCci: reform === null ? null : percentOf(baseAfp, reform.cciPct),
    reformSeguroSocial: reform === null ? null : percentOf(baseAfp, reform.seguroSocialPct),
  };
}
