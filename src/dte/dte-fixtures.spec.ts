import { fixtureNames, loadFixture } from 'test/fixtures/dte/dte-factory';
import { NO_LINES_WARNING, validateDte } from './dte-validator';

describe('DTE fixtures (test/fixtures/dte)', () => {
  const clean = fixtureNames('clean-');
  const defects = fixtureNames('defect-');

  it('has clean documents of every required type in both forms and a defect per rule kind', () => {
    expect(clean).toEqual(expect.arrayContaining(['clean-sii-33', 'clean-sii-52-total-cero', 'clean-addon-61', 'clean-addon-52-total-cero']));
    expect(defects.length).toBeGreaterThanOrEqual(40);
  });

  it.each(clean)('%s is never rejected and raises no warning but the one saying lines were not checked', (name) => {
    const fixture = loadFixture(name);
    const result = validateDte(fixture.input, { now: new Date(fixture.now), history: fixture.history });
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual(name.startsWith('clean-addon-') ? [NO_LINES_WARNING] : []);
    expect(result.recommendation).toBe('send');
  });

  it.each(defects)('%s is flagged by its rule and gets the expected recommendation', (name) => {
    const fixture = loadFixture(name);
    const result = validateDte(fixture.input, { now: new Date(fixture.now), history: fixture.history });
    expect(result.findings.map((f) => f.ruleId)).toContain(fixture.expect.ruleId);
    expect(result.recommendation).toBe(fixture.expect.recommendation);
  });
});
