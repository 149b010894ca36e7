import { ruleCtx, siiDoc } from 'test/fixtures/dte/dte-factory';
import { DTE_RULES } from './index';
import type { DteRule } from './rule';
import { runRules } from './run-rules';

describe(runRules.name, () => {
  it('registers each rule id once', () => {
    const ids = DTE_RULES.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('runs only the rules that apply to the type and reports which ran', () => {
    const onlyGuias: DteRule = { id: 'Z-52', title: 't', appliesTo: [52], check: () => [] };
    const always: DteRule = { id: 'Z-ALL', title: 't', appliesTo: 'all', check: (doc) => [{ ruleId: 'Z-ALL', severity: 'info', path: 'x', message: String(doc.TipoDTE) }] };
    const result = runRules(siiDoc('33'), ruleCtx(), [onlyGuias, always]);
    expect(result.rulesRun).toEqual(['Z-ALL']);
    expect(result.findings).toEqual([expect.objectContaining({ message: '33' })]);
  });
});
