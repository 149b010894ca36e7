/** Suggests the analytic project for a supplier invoice (suggest_project and /api/v1/analytics/match share this core). */
import { toSuggestProjectInput, type ProjectInput, type SuggestProjectInput } from './match-input';
import { normalizeText, setCoverage, setSimilarity, tokens, tokenSimilarity } from './text-similarity';

export type { HistoricalPurchaseInput, InvoiceLineInput, ProjectInput, SuggestProjectInput } from './match-input';

export interface ProjectCandidate {
  project_id: number;
  project_name: string;
  score: number;
  reasons: string[];
}

export interface ProjectSuggestion {
  project_id: number | null;
  project_name: string | null;
  confidence: number;
  reasoning: string;
  candidates: ProjectCandidate[];
}

/** Points per signal (max 100). */
export const PROJECT_WEIGHTS = { history: 50, description: 30, code: 10, partner: 10 };
export const PROJECT_THRESHOLD = 40;
const CLOSED_STATES = new Set(['closed', 'cancelled', 'done']);

/** What every project is compared with, read once per request: the invoice lines' tokens and each past bill's project names. */
interface InvoiceEvidence {
  descriptionTokens: ReadonlySet<string>;
  /** Per past vendor bill, its normalized project names. */
  historyNames: ReadonlySet<string>[];
}

function invoiceEvidence(input: SuggestProjectInput): InvoiceEvidence {
  const descriptions = (input.invoice_lines ?? []).map((line) => line.description ?? '').join(' ');
  const historyNames = (input.historical_purchases ?? []).map(
    (item) =>
      new Set(
        String(item.project_name ?? '')
          .split(',')
          .map(normalizeText),
      ),
  );
  return { descriptionTokens: tokens(descriptions), historyNames };
}

function historyShare(projectName: string, historyNames: readonly ReadonlySet<string>[]): number {
  if (historyNames.length === 0) return 0;
  const wanted = normalizeText(projectName);
  return historyNames.filter((names) => names.has(wanted)).length / historyNames.length;
}

function scoreProject(input: SuggestProjectInput, evidence: InvoiceEvidence, project: ProjectInput): ProjectCandidate {
  const reasons: string[] = [];
  const { descriptionTokens, historyNames } = evidence;
  let score = 0;

  const share = historyShare(project.name, historyNames);
  if (share > 0) {
    score += PROJECT_WEIGHTS.history * share;
    const hits = Math.round(share * historyNames.length);
    reasons.push(`El proveedor imputó ${hits} de sus últimas ${historyNames.length} facturas a este proyecto`);
  }
  const nameTokens = tokens(project.name);
  const byName = Math.max(setCoverage(nameTokens, descriptionTokens), setSimilarity(nameTokens, descriptionTokens));
  if (byName > 0) {
    score += PROJECT_WEIGHTS.description * byName;
    reasons.push(`El nombre del proyecto coincide ${Math.round(byName * 100)}% con la descripción de las líneas`);
  }
  if (project.code && setCoverage(tokens(project.code), descriptionTokens) === 1) {
    score += PROJECT_WEIGHTS.code;
    reasons.push(`El código ${project.code} aparece en las líneas`);
  }
  if (project.partner_name && input.partner_name) {
    const partner = tokenSimilarity(project.partner_name, input.partner_name);
    if (partner > 0) {
      score += PROJECT_WEIGHTS.partner * partner;
      reasons.push(`El proyecto está asociado a ${project.partner_name}`);
    }
  }
  return { project_id: project.id, project_name: project.name, score: Math.min(100, Math.round(score)), reasons };
}

/**
 * Scores the available (open) projects by the supplier's history, name/code in the invoice lines and the project's
 * partner; suggests the best when it reaches 40 and is not tied with the runner-up. Members of the wrong type are
 * ignored and projects without an integer id and a text name are not candidates.
 */
export function suggestProject(raw: SuggestProjectInput): ProjectSuggestion {
  const input = toSuggestProjectInput(raw);
  const open = input.available_projects.filter((project) => !CLOSED_STATES.has(String(project.state ?? '').toLowerCase()));
  const evidence = invoiceEvidence(input);
  const candidates = open.map((project) => scoreProject(input, evidence, project)).sort((a, b) => b.score - a.score);
  const [best, second] = candidates;
  if (!best || best.score < PROJECT_THRESHOLD) {
    const reasoning = best ? `Ningún proyecto alcanza el mínimo (${PROJECT_THRESHOLD}); el más cercano es ${best.project_name} con ${best.score}.` : 'No hay proyectos disponibles para sugerir.';
    return { project_id: null, project_name: null, confidence: best?.score ?? 0, reasoning, candidates };
  }
  if (second && second.score === best.score) {
    const reasoning = `${best.project_name} y ${second.project_name} empatan con ${best.score}; elija manualmente.`;
    return { project_id: null, project_name: null, confidence: best.score, reasoning, candidates };
  }
  return {
    project_id: best.project_id,
    project_name: best.project_name,
    confidence: best.score,
    reasoning: `${best.project_name}: ${best.reasons.join('; ')}.`,
    candidates,
  };
}
