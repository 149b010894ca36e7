import { findDates } from '../parsing/spanish-date';
import { KEYWORD_RULES, MANDATORY_PATTERN } from './keyword-rules';
import { docTypeOf, type OdooModule, type SiiAnalysis, type SiiAnalysisInput, type SiiImpact, type SiiTeam } from './sii-analysis.types';

const SUMMARY_CHARS = 400;

/** The impact that goes with a priority. */
export function impactFor(priority: number): SiiImpact {
  if (priority >= 4) return 'alto';
  return priority === 3 ? 'medio' : 'bajo';
}

/**
 * Reads an item with keyword rules alone (no network): which team and Odoo modules it touches, the dates it sets,
 * and a priority — 3 for a domain topic, 4 when it also sets a deadline or is binding, 5 when both.
 */
export function analyzeByKeywords(item: SiiAnalysisInput): SiiAnalysis {
  const text = `${item.title}\n${item.summary}`;
  const type = docTypeOf(item.kind);
  const matched = KEYWORD_RULES.filter((rule) => rule.pattern.test(text));
  const team = (matched[0]?.team ?? 'general') as SiiTeam;
  const modules = [...new Set(matched.flatMap((rule) => rule.modules))] as OdooModule[];
  const deadlines = findDates(text).filter((date) => date !== item.publishedAt && (!item.publishedAt || date > item.publishedAt));
  const mandatory = MANDATORY_PATTERN.test(text);
  const isNorm = type === 'circular' || type === 'resolucion';
  let priority: number;
  if (team !== 'general') {
    priority = 3 + (deadlines.length > 0 ? 1 : 0) + (mandatory ? 1 : 0);
  } else {
    priority = (isNorm ? 2 : 1) + (deadlines.length > 0 || mandatory ? 1 : 0);
  }
  const actions = matched.flatMap((rule) => rule.actions);
  if (deadlines.length > 0) actions.push(`Planificar la implementación antes del ${deadlines[0]}`);
  if (actions.length === 0) actions.push('Leer el documento y confirmar que no afecta al ERP');
  return {
    type,
    impact: impactFor(priority),
    modules,
    deadlines,
    summary: (item.summary || item.title).slice(0, SUMMARY_CHARS),
    priority: Math.min(priority, 5),
    actions,
    team,
  };
}
