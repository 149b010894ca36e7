import { Injectable } from '@nestjs/common';
import type { Caller } from 'src/common/auth';
import { assertCompanyAccess } from '../company-access';
import { matchDteDataOf, type MatchPoRequestDto, type MatchPoResponseDto } from '../dto/match-po.dto';
import { toMatchDteInput, toPendingPoInputs } from '../matching/match-input';
import { matchPurchaseOrders } from '../matching/po-matcher';
import { LlmTiebreaker } from '../tiebreak/llm-tiebreaker.service';
import { poTiebreakCandidates, settlePoMatch } from '../tiebreak/po-tiebreak';

/** POST /api/ai/reception/match_po (and the deprecated /api/ai/reconcile): deterministic ranking, LLM only for close calls. */
@Injectable()
export class PoMatchService {
  constructor(private readonly tiebreaker: LlmTiebreaker) {}

  /** Ranks the pending POs for the DTE; the answer's `matched_po_id` is always one of the sent ids or null. */
  async match(body: MatchPoRequestDto, caller: Caller): Promise<MatchPoResponseDto> {
    assertCompanyAccess(caller, body.company_id);
    const dte = toMatchDteInput(matchDteDataOf(body));
    const pendingPos = toPendingPoInputs(body.pending_pos);
    const ranked = matchPurchaseOrders(dte, pendingPos);
    const close = poTiebreakCandidates(ranked);
    const outcome = await this.tiebreaker.pick(
      'purchase_order',
      dte,
      close.map((c) => ({ id: c.po_id, name: c.name, score: c.score, reasons: c.reasons, details: pendingPos.find((p) => p.id === c.po_id) })),
      { apiKeyName: caller.keyName, companyId: body.company_id ?? null },
    );
    const settled = settlePoMatch(dte, pendingPos, ranked, outcome.pick);
    return { ...settled, llm_used: outcome.llmUsed };
  }
}
