import { ruleCtx, siiDoc } from 'test/fixtures/dte/dte-factory';
import { cafEnvironmentRule as sut } from './caf-environment.rule';

describe('F-05 cafEnvironmentRule', () => {
  const doc = siiDoc('33');
  const withCaf = (environment: string | undefined, IDK: number | string | undefined) => ruleCtx('33', { environment, caf: { ...ruleCtx('33').caf, IDK } });

  it('passes a production CAF sent to production and a certification CAF sent to certification', () => {
    expect(sut.check(doc, ruleCtx('33'))).toEqual([]);
    expect(sut.check(doc, withCaf('SII', 300))).toEqual([]);
    expect(sut.check(doc, withCaf('SIITEST', 100))).toEqual([]);
  });

  it('blocks a certification CAF (IDK 100) sent to production', () => {
    expect(sut.check(doc, withCaf('SII', 100))).toEqual([expect.objectContaining({ ruleId: 'F-05', severity: 'block', path: 'Folio', expected: 300, found: 100 })]);
  });

  it('blocks a production CAF (IDK 300) sent to certification', () => {
    expect(sut.check(doc, withCaf('SIITEST', 300))).toEqual([expect.objectContaining({ ruleId: 'F-05', severity: 'block', expected: 100, found: 300 })]);
  });

  it("stays silent in Odoo's demo mode, which uploads nothing", () => {
    expect(sut.check(doc, withCaf('SIIDEMO', 300))).toEqual([]);
    expect(sut.check(doc, withCaf('SIIDEMO', 100))).toEqual([]);
  });

  it('stays silent when the environment, the CAF or a known IDK is missing', () => {
    expect(sut.check(doc, withCaf(undefined, 100))).toEqual([]);
    expect(sut.check(doc, withCaf('SII', undefined))).toEqual([]);
    expect(sut.check(doc, withCaf('SII', 200))).toEqual([]);
    expect(sut.check(doc, ruleCtx('33', { caf: undefined }))).toEqual([]);
  });
});
