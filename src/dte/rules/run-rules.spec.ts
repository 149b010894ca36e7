import { FIXTURE_NOW, fixtureNames, loadFixture, ruleCtx, siiDoc } from 'test/fixtures/dte/dte-factory';
import { normalizeDte } from '../normalize/normalize-dte';
import { DTE_RULES } from './index';
import type { DteRule } from './rule';
import { ruleApplies, runRules } from './run-rules';

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

describe('rules_skipped', () => {
  const ALL_FIXTURES = [...fixtureNames('clean-'), ...fixtureNames('defect-')];

  /** Every applicable rule run with no skipping at all. */
  function everyFinding(input: unknown) {
    const { doc, nowCl: _nowCl, ...context } = normalizeDte(input);
    const ctx = { now: FIXTURE_NOW, ...context };
    return { doc, ctx, findings: DTE_RULES.filter((rule) => ruleApplies(rule, doc)).flatMap((rule) => rule.check(doc, ctx)) };
  }

  it.each(ALL_FIXTURES)('skipping rules for lack of data loses no finding of %s, with or without its context', (name) => {
    const { context: _context, ...withoutContext } = loadFixture(name).input;
    for (const input of [loadFixture(name).input, withoutContext]) {
      const { doc, ctx, findings } = everyFinding(input);
      expect(runRules(doc, ctx).findings).toEqual(findings);
    }
  });

  it('names the missing part for the reception summary and for an SII document without context', () => {
    const summary = normalizeDte(loadFixture('clean-addon-61').input).doc;
    const skipped = runRules(summary, { now: FIXTURE_NOW }).rulesSkipped;
    expect(skipped).toEqual(
      expect.arrayContaining([
        { ruleId: 'L-04', title: expect.any(String), missing: ['dte_data.lineas'] },
        { ruleId: 'X-01', title: expect.any(String), missing: ['dte_data.referencias'] },
      ]),
    );
    const sii = runRules(siiDoc('33'), { now: FIXTURE_NOW });
    expect(sii.rulesSkipped).toEqual(expect.arrayContaining([{ ruleId: 'F-03', title: expect.any(String), missing: ['context.caf.FA'] }]));
    expect(sii.rulesSkipped.map((s) => s.ruleId)).not.toContain('L-04');
    expect(sii.rulesRun).toContain('L-04');
  });
});
