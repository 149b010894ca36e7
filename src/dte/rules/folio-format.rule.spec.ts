import { ruleCtx, siiDoc } from 'test/fixtures/dte/dte-factory';
import { folioFormatRule as sut } from './folio-format.rule';

describe('F-01 folioFormatRule', () => {
  it('passes a positive integer folio', () => {
    expect(sut.check(siiDoc('33'), ruleCtx())).toEqual([]);
  });

  it.each([0, -5, 12.5, 12345678901, 'A-123'])('blocks folio %p', (folio) => {
    const doc = siiDoc('33');
    doc.Folio = folio;
    expect(sut.check(doc, ruleCtx())).toEqual([expect.objectContaining({ severity: 'block', found: folio })]);
  });
});
