/** Runs the applicable rules over a normalized document and says which could not run for lack of data. */
import { displayPath } from '../normalize/addon-fields.table';
import type { NormalizedDte } from '../normalize/normalized-dte';
import { DTE_RULES } from './index';
import type { DteRule, Finding, RuleContext } from './rule';
import { isReceptionSummary } from './rule-helpers';
import { RULE_DATA_NEEDS, type DataNeed } from './tables/rule-data-needs.table';

/** A rule that applied to the document's type but had nothing to check, with the data it lacked. */
export interface SkippedRule {
  ruleId: string;
  title: string;
  /** Where the missing data goes: `dte_data.lineas`, `context.caf.FA`, `TED`. */
  missing: string[];
}

export interface RuleRun {
  findings: Finding[];
  rulesRun: string[];
  rulesSkipped: SkippedRule[];
}

/** True when the rule applies to the document's type ('all' rules always run). */
export function ruleApplies(rule: DteRule, doc: NormalizedDte): boolean {
  if (rule.appliesTo === 'all') return true;
  return typeof doc.TipoDTE === 'number' && (rule.appliesTo as readonly number[]).includes(doc.TipoDTE);
}

const SUMMARY_PART: Partial<Record<DataNeed, string>> = { lines: 'Detalle', references: 'Referencia', transport: 'Transporte', document: 'Detalle' };

/** Where the data a need names would go, when the request lacks it; undefined when it is there. */
function missingFor(need: DataNeed, doc: NormalizedDte, ctx: RuleContext): string | undefined {
  const summaryPart = SUMMARY_PART[need];
  if (summaryPart) return isReceptionSummary(doc) ? displayPath(doc.form, summaryPart) : undefined;
  const present: Record<Exclude<DataNeed, keyof typeof SUMMARY_PART>, unknown> = {
    caf: ctx.caf,
    'caf.FA': ctx.caf?.FA,
    'caf.IDK': ctx.caf?.IDK,
    environment: ctx.environment,
    company: ctx.company,
    'company.vat': ctx.company?.vat,
    'company.resolution_date': ctx.company?.resolutionDate,
    issued_folios: ctx.issuedFolios,
    referenced_documents: ctx.referencedDocuments,
    envelope: ctx.envelope,
    ted: doc.TED,
  };
  if (present[need as keyof typeof present] !== undefined) return undefined;
  if (need === 'ted') return displayPath(doc.form, 'TED');
  return need === 'environment' ? 'environment' : `context.${need}`;
}

/** Runs every applicable rule that has its data; returns the findings, the ids that ran and the ones skipped. */
export function runRules(doc: NormalizedDte, ctx: RuleContext, rules: readonly DteRule[] = DTE_RULES): RuleRun {
  const result: RuleRun = { findings: [], rulesRun: [], rulesSkipped: [] };
  for (const rule of rules.filter((r) => ruleApplies(r, doc))) {
    const missing = [...new Set((RULE_DATA_NEEDS[rule.id] ?? []).flatMap((need) => missingFor(need, doc, ctx) ?? []))];
    if (missing.length > 0) {
      result.rulesSkipped.push({ ruleId: rule.id, title: rule.title, missing });
      continue;
    }
    result.rulesRun.push(rule.id);
    result.findings.push(...rule.check(doc, ctx));
  }
  return result;
}
