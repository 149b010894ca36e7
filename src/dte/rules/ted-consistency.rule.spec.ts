import type { NormalizedDte } from 'src/dte/normalize/normalized-dte';
import { ruleCtx, siiDoc } from 'test/fixtures/dte/dte-factory';
import { tedConsistencyRule as sut } from './ted-consistency.rule';

function stamped(): NormalizedDte {
  const doc = siiDoc('33');
  doc.TED = { RE: '76086428-5', TD: 33, F: 123, FE: '2026-11-16', RR: '96874030-K', RSR: 'Constructora Cordillera', MNT: 119000, IT1: 'Cemento' };
  return doc;
}

describe('M-12 tedConsistencyRule', () => {
  it('passes a TED that repeats the document, and a document sent without TED', () => {
    expect(sut.check(stamped(), ruleCtx())).toEqual([]);
    expect(sut.check(siiDoc('33'), ruleCtx())).toEqual([]);
  });

  it('compares RUTs normalized (dots, lowercase k)', () => {
    const doc = stamped();
    doc.TED!.RE = '76.086.428-5';
    doc.TED!.RR = '96.874.030-k';
    expect(sut.check(doc, ruleCtx())).toEqual([]);
  });

  it('blocks a TED stamped with another amount', () => {
    const doc = stamped();
    doc.TED!.MNT = 100000;
    expect(sut.check(doc, ruleCtx())).toEqual([expect.objectContaining({ ruleId: 'M-12', severity: 'block', path: 'TED.DD.MNT', expected: 119000, found: 100000 })]);
  });

  it('reports one finding per differing field', () => {
    const doc = stamped();
    doc.TED!.F = 124;
    doc.TED!.TD = 34;
    doc.TED!.FE = '2026-11-15';
    doc.TED!.RR = '66666666-6';
    doc.TED!.RE = '96874030-K';
    expect(sut.check(doc, ruleCtx()).map((f) => f.path)).toEqual(['TED.DD.RE', 'TED.DD.TD', 'TED.DD.F', 'TED.DD.FE', 'TED.DD.RR']);
  });

  it('blocks a TED missing a datum the document has', () => {
    const doc = stamped();
    delete doc.TED!.FE;
    const [result] = sut.check(doc, ruleCtx());
    expect(result).toEqual(expect.objectContaining({ path: 'TED.DD.FE', expected: '2026-11-16' }));
    expect(result.message).toContain('no informa');
  });
});
