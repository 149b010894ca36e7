import { Injectable, Logger } from '@nestjs/common';
import { LlmClient, type CallerIdentity, type ProviderId } from 'src/gateway';
import { buildPickPrompt, offlinePickAnswer, parseLlmPick, type LlmPick, type PickCandidate, type PickTask } from './llm-pick';

/** The outcome of asking the LLM to break a tie. */
export interface TiebreakOutcome {
  pick: LlmPick | null;
  /** True when a vendor answered with one of the candidate ids. */
  llmUsed: boolean;
  provider?: ProviderId;
  model?: string;
}

/** Short enough that Odoo's 10 s timeout is never reached. */
export const TIEBREAK_DEADLINE_MS = 8000;

const OPERATION: Record<PickTask, string> = { purchase_order: 'dte.match_po', project: 'dte.suggest_project' };

/** Asks the LLM to choose among close candidates; never throws, and any answer outside the candidates is ignored. */
@Injectable()
export class LlmTiebreaker {
  private readonly logger = new Logger(LlmTiebreaker.name);

  constructor(private readonly llm: LlmClient) {}

  /** The pick, or null when there is no vendor, the call failed, the offline provider answered or the id is not a candidate. */
  async pick(task: PickTask, document: unknown, candidates: readonly PickCandidate[], caller: CallerIdentity): Promise<TiebreakOutcome> {
    if (candidates.length < 2 || !this.llm.hasVendors()) return { pick: null, llmUsed: false };
    const prompt = buildPickPrompt(task, document, candidates);
    try {
      const result = await this.llm.complete({
        operation: OPERATION[task],
        system: prompt.system,
        messages: prompt.messages,
        json: true,
        maxTokens: 300,
        temperature: 0,
        offline: offlinePickAnswer,
        caller,
        deadlineMs: TIEBREAK_DEADLINE_MS,
      });
      if (result.provider === 'offline') return { pick: null, llmUsed: false };
      const pick = parseLlmPick(
        result.text,
        candidates.map((c) => c.id),
      );
      if (!pick) this.logger.warn(`${OPERATION[task]}: ${result.provider} answered no candidate id; keeping the deterministic order`);
      return { pick, llmUsed: pick !== null, provider: result.provider, model: result.model };
    } catch (error) {
      this.logger.warn(`${OPERATION[task]}: tie-break failed (${(error as Error).message}); keeping the deterministic order`);
      return { pick: null, llmUsed: false };
    }
  }
}
