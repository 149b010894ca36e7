import type { NormalizedDte } from 'src/dte/normalize/normalized-dte';
import { addonDoc, ruleCtx, siiDoc } from 'test/fixtures/dte/dte-factory';
import { lineZeroAmountRule } from './line-zero-amount.rule';
import { textCorrectionNoteRule as sut } from './text-correction-note.rule';

/** The clean credit note turned into a proper "corrige texto" note: one zero line, zero totals. */
function textCorrection(): NormalizedDte {
  const doc = siiDoc('61');
  doc.Referencia![0].CodRef = 2;
  doc.Referencia![0].RazonRef = 'Corrige giro del receptor';
  doc.Detalle = [{ NroLinDet: 1, NmbItem: 'Donde dice giro "Comercio" debe decir "Construcción"', MontoItem: 0 }];
  doc.Totales = { MntNeto: 0, MntExe: 0, TasaIVA: 19, IVA: 0, MntTotal: 0 };
  return doc;
}

describe('X-08 textCorrectionNoteRule', () => {
  it('passes a "corrige texto" note with one zero line, and notes that annul or correct amounts', () => {
    expect(sut.check(textCorrection(), ruleCtx('61'))).toEqual([]);
    expect(sut.check(siiDoc('61'), ruleCtx('61'))).toEqual([]);
    expect(sut.check(siiDoc('56'), ruleCtx('56'))).toEqual([]);
    expect(sut.check(addonDoc('61'), ruleCtx('61'))).toEqual([]);
  });

  it('warns when the total is not zero', () => {
    const doc = textCorrection();
    doc.Totales.MntTotal = 11900;
    expect(sut.check(doc, ruleCtx('61'))).toEqual([expect.objectContaining({ ruleId: 'X-08', severity: 'warn', path: 'Totales.MntTotal', expected: 0, found: 11900 })]);
  });

  it('warns when there is more than one line, even if every line is zero (which L-05 accepts)', () => {
    const doc = textCorrection();
    doc.Detalle!.push({ NroLinDet: 2, NmbItem: 'Donde dice dirección "A" debe decir "B"', MontoItem: 0 });
    expect(sut.check(doc, ruleCtx('61'))).toEqual([expect.objectContaining({ path: 'Detalle', expected: 1, found: 2 })]);
    expect(lineZeroAmountRule.check(doc, ruleCtx('61'))).toEqual([]);
  });

  it("warns when the single line does not say what is corrected, in Spanish or in Odoo's English wording", () => {
    const doc = textCorrection();
    doc.Detalle![0].NmbItem = 'Corrección de giro';
    expect(sut.check(doc, ruleCtx('61'))).toEqual([expect.objectContaining({ ruleId: 'X-08', path: 'Detalle[0].NmbItem', found: 'Corrección de giro' })]);
    for (const text of ['DONDE DICE: Comercio DEBE DECIR: Construcción', 'Where it says: Comercio should say: Construcción']) {
      doc.Detalle![0].NmbItem = text;
      expect(sut.check(doc, ruleCtx('61'))).toEqual([]);
    }
  });
});
