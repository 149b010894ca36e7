import { Injectable, Logger } from '@nestjs/common';
import { LlmClient, type CallerIdentity } from 'src/gateway';
import type { DteValidationResult } from '../dte-validator';
import { buildReviewPrompt, mergeReview, offlineReviewAnswer, parseLlmReview, type MergedReview } from '../llm-review';

/** Why an answer is rules-only. */
export type DegradedReason = 'no_vendor' | 'llm_failed' | 'llm_malformed' | 'offline';

/** The rules' result with the LLM review merged in when one was usable. */
export interface ReviewOutcome {
  merged: MergedReview;
  llmUsed: boolean;
  /** Set when no review was asked because the rules had already decided (a block): the LLM cannot weaken a reject. */
  skippedReason?: 'rules_blocked';
  degradedReason?: DegradedReason;
  provider?: string;
  model?: string;
}

/** Short enough that Odoo's 10 s timeout is never reached, retries and fallbacks included. */
export const REVIEW_DEADLINE_MS = 8000;

/** Adds the LLM second opinion to a rules result; never throws and never weakens the rules' verdict. */
@Injectable()
export class DteReviewService {
  private readonly logger = new Logger(DteReviewService.name);

  constructor(private readonly llm: LlmClient) {}

  /** Asks the LLM (when a vendor is configured) and merges a well-formed answer; anything else keeps the rules' answer. */
  async review(rules: DteValidationResult, history: readonly unknown[], caller: CallerIdentity): Promise<ReviewOutcome> {
    const rulesOnly = (degradedReason: DegradedReason, extra: Partial<ReviewOutcome> = {}): ReviewOutcome => ({ merged: mergeReview(rules, null), llmUsed: false, degradedReason, ...extra });
    if (!this.llm.hasVendors()) return rulesOnly('no_vendor');
    if (rules.recommendation === 'reject') return { merged: mergeReview(rules, null), llmUsed: false, skippedReason: 'rules_blocked' };
    const prompt = buildReviewPrompt({ doc: rules.normalized, ruleResult: rules, history });
    try {
      const result = await this.llm.complete({
        operation: 'dte.validate',
        system: prompt.system,
        messages: prompt.messages,
        json: true,
        maxTokens: 600,
        temperature: 0,
        offline: () => offlineReviewAnswer(rules),
        caller,
        deadlineMs: REVIEW_DEADLINE_MS,
      });
      if (result.provider === 'offline') return rulesOnly('offline');
      const parsed = parseLlmReview(result.text);
      if (!parsed) {
        this.logger.warn(`dte.validate: unusable answer from ${result.provider}/${result.model}; answering with the rules only`);
        return rulesOnly('llm_malformed', { provider: result.provider, model: result.model });
      }
      return { merged: mergeReview(rules, parsed), llmUsed: true, provider: result.provider, model: result.model };
    } catch (error) {
      this.logger.warn(`dte.validate: LLM review failed (${(error as Error).message}); answering with the rules only`);
      return rulesOnly('llm_failed');
    }
  }
}
