import { IndicatorSet } from './indicator-set';
import { indicatorSetIssues } from './parse-indicator-set';
import researchFile from './payroll-cl.json';
import { ResearchFile, researchFileToSets } from './research-json';

let cache: Map<string, IndicatorSet> | null = null;
let shippedSplits: Map<string, NonNullable<IndicatorSet['healthSplit']>> | undefined;

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

/**
 * The set with the shipped Fonasa/CCAF split of its month added when it has none, so months seeded before the split was
 * shipped (or imported without it) are validated with it too; a set's own split always wins.
 */
export function withShippedHealthSplit(set: IndicatorSet): IndicatorSet {
  if (set.healthSplit) return set;
  shippedSplits ??= new Map([...loadShippedIndicators()].flatMap(([period, shippedSet]) => (shippedSet.healthSplit ? [[period, shippedSet.healthSplit] as const] : [])));
  const shipped = shippedSplits.get(set.period);
  return shipped ? { ...set, healthSplit: structuredClone(shipped) } : set;
}
