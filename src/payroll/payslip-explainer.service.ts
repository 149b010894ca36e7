import { Injectable, Logger, Optional } from '@nestjs/common';

import type { Caller } from 'src/common/auth';
import { LlmClient } from 'src/gateway';

import { EXPLANATION_DEADLINE_MS } from './payroll.constants';
import { buildExplanationPrompt, cleanExplanation, needsExplanation, offlineExplanation } from './payslip/payslip-explanation';
import { PayslipValidationResult } from './payslip/validation-result';

/** A plain-language explanation of the findings and who wrote it. */
export interface PayslipExplanation {
  text: string;
  provider: string;
  model: string;
}

/** Asks the LLM to explain a validation's findings; never changes the verdict and never fails the request. */
@Injectable()
export class PayslipExplainer {
  private readonly logger = new Logger(PayslipExplainer.name);

  constructor(@Optional() private readonly llm?: LlmClient) {}

  /** The explanation, or null when no vendor is configured, nothing needs explaining or the call failed. */
  async explain(result: PayslipValidationResult, caller: Caller, requestId?: string): Promise<PayslipExplanation | null> {
    if (!this.llm?.hasVendors() || !needsExplanation(result)) return null;
    try {
      const answer = await this.llm.complete({
        operation: 'payroll.explain',
        ...buildExplanationPrompt(result),
        maxTokens: 400,
        temperature: 0.2,
        offline: () => offlineExplanation(result),
        caller: { apiKeyName: caller.keyName },
        deadlineMs: EXPLANATION_DEADLINE_MS,
        requestId,
      });
      const text = cleanExplanation(answer.text);
      return text === null ? null : { text, provider: answer.provider, model: answer.model };
    } catch (error) {
      this.logger.warn(`Payslip explanation failed: ${(error as Error).message}`);
      return null;
    }
  }
}
