import { Module } from '@nestjs/common';
import { AnalyticsController } from './analytics/analytics.controller';
import { ProjectSuggestionService } from './analytics/project-suggestion.service';
import { DteClock } from './dte-clock';
import { DteController } from './dte.controller';
import { PoMatchService } from './reception/po-match.service';
import { ReceptionController } from './reception/reception.controller';
import { LlmTiebreaker } from './tiebreak/llm-tiebreaker.service';
import { DteReviewService } from './validation/dte-review.service';
import { DteValidationService } from './validation/dte-validation.service';

/**
 * DTE routes: /api/ai/validate, reception/match_po (+ deprecated /api/ai/reconcile), analytics suggest_project.
 * Needs, from global modules: LlmClient (gateway) and KvStore (redis).
 */
@Module({
  controllers: [DteController, ReceptionController, AnalyticsController],
  providers: [DteClock, DteReviewService, DteValidationService, LlmTiebreaker, PoMatchService, ProjectSuggestionService],
})
export class DteModule {}
