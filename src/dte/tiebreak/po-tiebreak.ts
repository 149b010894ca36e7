/** Settles close purchase-order candidates: an LLM pick among them, otherwise the deterministic order or no match. */
import { matchLines, PO_MATCH_THRESHOLD, PO_TIEBREAK_GAP, type MatchDteInput, type PendingPoInput, type PoCandidate, type PoMatchResult } from '../matching/po-matcher';
import type { LlmPick } from './llm-pick';

/** Who settled the match. */
export type DecidedBy = 'rules' | 'llm';

export type SettledPoMatch = PoMatchResult & { decided_by: DecidedBy };

/** The candidates an LLM may choose among: at least the threshold and within the tie gap of the best; empty when there is no tie. */
export function poTiebreakCandidates(result: PoMatchResult): PoCandidate[] {
  if (!result.needs_tiebreak || result.matched_po_id === null) return [];
  const best = result.candidates[0];
  const close = result.candidates.filter((c) => c.score >= PO_MATCH_THRESHOLD && best.score - c.score <= PO_TIEBREAK_GAP);
  return close.length > 1 ? close : [];
}

/**
 * Applies the LLM's pick when it names one of the close candidates; otherwise keeps the deterministic best, or
 * answers no match when the two best are exactly tied. `matched_po_id` is always a sent id or null.
 */
export function settlePoMatch(dte: MatchDteInput, pendingPos: readonly PendingPoInput[], result: PoMatchResult, pick: LlmPick | null): SettledPoMatch {
  const close = poTiebreakCandidates(result);
  if (close.length === 0) return { ...result, decided_by: 'rules' };
  const names = close.map((c) => c.name).join(', ');
  const chosen = pick ? close.find((c) => c.po_id === pick.id) : undefined;
  const po = chosen ? pendingPos.find((p) => p.id === chosen.po_id) : undefined;
  if (chosen && po) {
    return {
      ...result,
      matched_po_id: chosen.po_id,
      confidence: chosen.score,
      line_matches: matchLines(dte.lines ?? [], po.lines ?? []),
      reasoning: `${chosen.name}: elegida por IA entre ${names} (puntajes similares)${pick?.reason ? `: ${pick.reason}` : ''}. Evidencia: ${chosen.reasons.join('; ')}.`,
      decided_by: 'llm',
    };
  }
  if (close[0].score === close[1].score) {
    const tied = close
      .filter((c) => c.score === close[0].score)
      .map((c) => c.name)
      .join(' y ');
    return {
      ...result,
      matched_po_id: null,
      line_matches: [],
      reasoning: `${tied} empatan con ${close[0].score} puntos; no se puede elegir automáticamente, asigne la OC manualmente.`,
      decided_by: 'rules',
    };
  }
  return { ...result, decided_by: 'rules' };
}
