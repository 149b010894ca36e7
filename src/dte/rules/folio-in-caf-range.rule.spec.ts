import { addonDoc, ruleCtx, siiDoc } from 'test/fixtures/dte/dte-factory';
import { folioInCafRangeRule as sut } from './folio-in-caf-range.rule';

describe('F-02 folioInCafRangeRule', () => {
  it('passes a folio inside the CAF of the same type and emitter, and skips received documents', () => {
    expect(sut.check(siiDoc('33'), ruleCtx())).toEqual([]);
    expect(sut.check(addonDoc('33'), ruleCtx('33', { caf: undefined }))).toEqual([]);
  });

  it('notes when no CAF was sent', () => {
    expect(sut.check(siiDoc('33'), ruleCtx('33', { caf: undefined }))).toEqual([expect.objectContaining({ severity: 'info' })]);
  });

  it('blocks a folio outside the range, a CAF of another type and a CAF of another RUT', () => {
    const doc = siiDoc('33');
    doc.Folio = 501;
    const ctx = ruleCtx('33', { caf: { TD: 34, D: 101, H: 500, RE: '96874030-K' } });
    expect(sut.check(doc, ctx)).toEqual([
      expect.objectContaining({ path: 'TipoDTE', expected: 34, found: 33 }),
      expect.objectContaining({ path: 'Folio', expected: '101..500', found: 501 }),
      expect.objectContaining({ path: 'Emisor.RUTEmisor', expected: '96874030-K' }),
    ]);
  });
});
