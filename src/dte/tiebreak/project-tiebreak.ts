/** Settles close project candidates: an LLM pick among them, otherwise the deterministic suggestion. */
import { PROJECT_THRESHOLD, type ProjectCandidate, type ProjectSuggestion } from '../matching/project-suggester';
import type { LlmPick } from './llm-pick';
import type { DecidedBy } from './po-tiebreak';

/** Projects within this many points of the best are close enough to ask for a tie-break. */
export const PROJECT_TIEBREAK_GAP = 5;

export type SettledProjectSuggestion = ProjectSuggestion & { decided_by: DecidedBy };

/** The candidates an LLM may choose among: at least the threshold and within the gap of the best; empty when there is no tie. */
export function projectTiebreakCandidates(suggestion: ProjectSuggestion): ProjectCandidate[] {
  const best = suggestion.candidates[0];
  if (!best || best.score < PROJECT_THRESHOLD) return [];
  const close = suggestion.candidates.filter((c) => c.score >= PROJECT_THRESHOLD && best.score - c.score <= PROJECT_TIEBREAK_GAP);
  return close.length > 1 ? close : [];
}

/** Applies the LLM's pick when it names one of the close candidates; otherwise the deterministic suggestion stands. */
export function settleProjectSuggestion(suggestion: ProjectSuggestion, pick: LlmPick | null): SettledProjectSuggestion {
  const close = projectTiebreakCandidates(suggestion);
  const chosen = pick ? close.find((c) => c.project_id === pick.id) : undefined;
  if (!chosen) return { ...suggestion, decided_by: 'rules' };
  const names = close.map((c) => c.project_name).join(', ');
  return {
    ...suggestion,
    project_id: chosen.project_id,
    project_name: chosen.project_name,
    confidence: chosen.score,
    reasoning: `${chosen.project_name}: elegido por IA entre ${names} (puntajes similares)${pick?.reason ? `: ${pick.reason}` : ''}. Evidencia: ${chosen.reasons.join('; ')}.`,
    decided_by: 'llm',
  };
}
