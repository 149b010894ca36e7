import { fixtureNames, loadFixture } from 'test/fixtures/dte/dte-factory';
import { siiToFlat } from 'test/fixtures/dte/flat-form';
import { validateDte } from './dte-validator';
import { displayPath } from './normalize/addon-fields.table';
import type { Finding } from './rules/rule';

/** Every fixture written in the SII-tag form (the flat-form fixtures have nothing to translate). */
const SII_FIXTURES = [...fixtureNames('clean-sii-'), ...fixtureNames('defect-')].filter((name) => 'dte' in loadFixture(name).input);

/** A finding of the SII-tag form as the flat form must report it: same everything, path in flat names. */
function asFlat(finding: Finding): Finding {
  return { ...finding, path: displayPath('addon', finding.path) };
}

describe('the flat dte_data form and the SII-tag dte form give the same answer', () => {
  it('covers every SII-tag fixture', () => {
    expect(SII_FIXTURES.length).toBeGreaterThanOrEqual(70);
  });

  it.each(SII_FIXTURES)('%s', (name) => {
    const fixture = loadFixture(name);
    const { dte, ...rest } = fixture.input as { dte: Record<string, unknown> } & Record<string, unknown>;
    const options = { now: new Date(fixture.now), history: fixture.history };
    const sii = validateDte(fixture.input, options);
    const flat = validateDte({ ...rest, dte_data: siiToFlat(dte) }, options);

    expect(flat.findings).toEqual(sii.findings.map(asFlat));
    expect(flat.findings.filter((f) => !/^(dte_data\.|context\.)/.test(f.path))).toEqual([]);
    expect(flat.recommendation).toBe(sii.recommendation);
    expect(flat.rulesRun).toEqual(sii.rulesRun);
    expect(flat.normalized.unknownKeys).toEqual([]);
  });
});
