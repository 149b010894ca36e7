import { Injectable } from '@nestjs/common';
import type { Caller } from 'src/common/auth';
import { assertCompanyAccess } from '../company-access';
import type { SuggestProjectRequestDto, SuggestProjectResponseDto } from '../dto/suggest-project.dto';
import { toSuggestProjectInput } from '../matching/match-input';
import { suggestProject } from '../matching/project-suggester';
import { LlmTiebreaker } from '../tiebreak/llm-tiebreaker.service';
import { projectTiebreakCandidates, settleProjectSuggestion } from '../tiebreak/project-tiebreak';

/** suggest_project and /api/v1/analytics/match: deterministic scoring, LLM only to pick among close projects. */
@Injectable()
export class ProjectSuggestionService {
  constructor(private readonly tiebreaker: LlmTiebreaker) {}

  /** Suggests the analytic project for a supplier invoice (odoo-contract.md §3.3) plus the scored candidates. */
  async suggest(body: SuggestProjectRequestDto, caller: Caller): Promise<SuggestProjectResponseDto> {
    const companyId = typeof body.company_id === 'number' ? body.company_id : undefined;
    assertCompanyAccess(caller, companyId);
    const input = toSuggestProjectInput(body);
    const suggestion = suggestProject(input);
    const close = projectTiebreakCandidates(suggestion);
    const invoice = { partner_name: input.partner_name, partner_vat: input.partner_vat, invoice_lines: input.invoice_lines, historical_purchases: input.historical_purchases };
    const outcome = await this.tiebreaker.pick(
      'project',
      invoice,
      close.map((c) => ({ id: c.project_id, name: c.project_name, score: c.score, reasons: c.reasons })),
      { apiKeyName: caller.keyName, companyId: companyId ?? null },
    );
    return { ...settleProjectSuggestion(suggestion, outcome.pick), llm_used: outcome.llmUsed };
  }
}
