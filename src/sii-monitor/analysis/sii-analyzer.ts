import { Injectable, Logger, Optional } from '@nestjs/common';

import { LlmClient } from 'src/gateway';

import { SII_CALLER } from '../sii-monitor.constants';
import { buildAnalysisPrompt, parseAnalysis } from './analysis-prompt';
import { analyzeByKeywords } from './keyword-analyzer';
import type { SiiAnalysis, SiiAnalysisInput } from './sii-analysis.types';

/** An analysis and who produced it (`keywords`, `offline` or a vendor id). */
export type AnalyzedItem = SiiAnalysis & { analyzedBy: string };

const ANALYSIS_DEADLINE_MS = 45_000;

/** Analyses items through the LLM gateway, with the keyword analyzer as offline answer and as fallback. */
@Injectable()
export class SiiAnalyzer {
  private readonly logger = new Logger(SiiAnalyzer.name);

  constructor(@Optional() private readonly llm?: LlmClient) {}

  /** Analyses one item; never throws: a failed or malformed LLM answer falls back to the keyword rules. */
  async analyze(item: SiiAnalysisInput, signal?: AbortSignal): Promise<AnalyzedItem> {
    const keywords = analyzeByKeywords(item);
    if (!this.llm) return { ...keywords, analyzedBy: 'keywords' };
    const prompt = buildAnalysisPrompt(item);
    try {
      const result = await this.llm.complete({
        operation: 'sii.analyze',
        system: [{ text: prompt.system, cache: true }],
        messages: [{ role: 'user', content: prompt.user }],
        json: true,
        maxTokens: 800,
        temperature: 0,
        offline: () => JSON.stringify(keywords),
        caller: SII_CALLER,
        signal,
        deadlineMs: ANALYSIS_DEADLINE_MS,
      });
      const parsed = parseAnalysis(result.text);
      // The model may rank higher than the rules but never lower: a binding DTE deadline always reaches the tech lead.
      if (parsed) return { ...parsed, priority: Math.max(parsed.priority, keywords.priority), analyzedBy: result.provider };
      this.logger.warn(`Malformed analysis from ${result.provider} for "${item.title}"; using keyword rules`);
    } catch (error) {
      this.logger.warn(`Analysis failed for "${item.title}": ${(error as Error).message}; using keyword rules`);
    }
    return { ...keywords, analyzedBy: 'keywords' };
  }
}
