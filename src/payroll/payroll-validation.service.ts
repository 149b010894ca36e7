import { BadRequestException, Injectable } from '@nestjs/common';

import type { Caller } from 'src/common/auth';

import { IndicatorStore } from './indicators/indicator-store.service';
import { PayrollClock } from './payroll-clock';
import { PayslipExplainer, PayslipExplanation } from './payslip-explainer.service';
import { validatePayslip } from './payslip-validator';
import { checkPayslipInput } from './payslip/check-payslip-input';
import { PayslipInput } from './payslip/payslip-input';
import { PayslipValidationResult } from './payslip/validation-result';

/** The validation verdict plus an optional LLM explanation (null without a vendor or when it failed). */
export type ExplainedPayslipValidation = PayslipValidationResult & { explanation: PayslipExplanation | null };

/** Validates a payslip against the indicators stored in Postgres. */
@Injectable()
export class PayrollValidationService {
  constructor(
    private readonly store: IndicatorStore,
    private readonly explainer: PayslipExplainer,
    private readonly clock: PayrollClock,
  ) {}

  /** Rejects impossible input with a 400, else recomputes every legal line and reports expected vs found. */
  async validate(input: PayslipInput, caller: Caller): Promise<ExplainedPayslipValidation> {
    const now = this.clock.now();
    const sets = await this.store.sets();
    const problems = checkPayslipInput(input, now, [...sets.keys()].sort().at(-1));
    if (problems.length > 0) throw new BadRequestException(problems.join('; '));
    const result = validatePayslip(input, sets, { now });
    return { ...result, explanation: await this.explainer.explain(result, caller) };
  }
}
