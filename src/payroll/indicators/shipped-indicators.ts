import { IndicatorSet } from './indicator-set';
import { indicatorSetIssues } from './parse-indicator-set';
import researchFile from './payroll-cl.json';
import { ResearchFile, researchFileToSets } from './research-json';

let cache: Map<string, IndicatorSet> | null = null;

/** Returns a fresh copy of the indicator sets shipped with the service (payroll-cl.json), keyed by 'YYYY-MM'. */
export function loadShippedIndicators(): Map<string, IndicatorSet> {
  if (cache) return structuredClone(cache);
  const sets = researchFileToSets(researchFile as unknown as ResearchFile);
  for (const set of sets.values()) {
    const issues = indicatorSetIssues(set);
    if (issues.length > 0) throw new Error(`Shipped indicators ${set.period} invalid: ${JSON.stringify(issues)}`);
  }
  cache = sets;
  return structuredClone(sets);
}
