/** Runs the applicable rules over a normalized document. */
import type { NormalizedDte } from '../normalize/normalized-dte';
import { DTE_RULES } from './index';
import type { DteRule, Finding, RuleContext } from './rule';

/** True when the rule applies to the document's type ('all' rules always run). */
export function ruleApplies(rule: DteRule, doc: NormalizedDte): boolean {
  if (rule.appliesTo === 'all') return true;
  return typeof doc.TipoDTE === 'number' && (rule.appliesTo as readonly number[]).includes(doc.TipoDTE);
}

/** Runs every applicable rule; returns the findings and the ids of the rules that ran. */
export function runRules(doc: NormalizedDte, ctx: RuleContext, rules: readonly DteRule[] = DTE_RULES): { findings: Finding[]; rulesRun: string[] } {
  const applicable = rules.filter((rule) => ruleApplies(rule, doc));
  return { findings: applicable.flatMap((rule) => rule.check(doc, ctx)), rulesRun: applicable.map((rule) => rule.id) };
}
