import type { NormalizedDte } from '../normalize/normalized-dte';
import { clp, finding, hasGrossPrices, num, roundHalfUp } from './rule-helpers';
import { classSubtotal, taxedLineSum } from './line-subtotals';
import type { DteRule, Finding } from './rule';
import { ADDITIONAL_TAX_CODES, INFORMED_AMOUNT_TAX_CODES } from './tables/additional-tax-codes.table';

/** Σ MontoItem of the lines whose CodImpAdic includes the code, and how many lines that is. */
function taxBase(doc: NormalizedDte, code: number): { base: number; lines: number } {
  const lines = (doc.Detalle ?? []).filter((line) => line.CodImpAdic?.includes(code));
  return { base: lines.reduce((sum, line) => sum + (num(line.MontoItem) ?? 0), 0), lines: lines.length };
}

/**
 * The tax base after the taxed global discounts and surcharges, which reach every taxed line in proportion to its
 * amount (a `%` one exactly, a `$` one pro rata): base × taxed subtotal after adjustments / taxed line sum.
 */
function adjustedTaxBase(doc: NormalizedDte, base: number): { adjusted: number; factor: { after: number; before: number } } {
  const before = taxedLineSum(doc);
  const after = classSubtotal(doc, 'taxed');
  return before === 0 || before === after ? { adjusted: base, factor: { after, before } } : { adjusted: (base * after) / before, factor: { after, before } };
}

/**
 * M-06: each ImptoReten row's MontoImp = round(TasaImp × Σ MontoItem of the lines carrying that CodImpAdic / 100),
 * half-up, with that sum reduced (or raised) by the taxed global discounts (surcharges) in proportion; except the
 * informed-value codes (margin, IVA anticipado faenamiento, diesel, gasoline). Checked only when the lines carry
 * CodImpAdic, the row carries TasaImp and line amounts are net (gross lines include the taxes).
 */
export const additionalTaxAmountsRule: DteRule = {
  id: 'M-06',
  title: 'Monto de impuestos adicionales',
  appliesTo: 'all',
  check(doc) {
    const lines = doc.Detalle ?? [];
    if (hasGrossPrices(doc) || !lines.some((line) => (line.CodImpAdic ?? []).length > 0)) return [];
    const findings: Finding[] = [];
    (doc.Totales.ImptoReten ?? []).forEach((row, i) => {
      const code = num(row.TipoImp);
      const rate = num(row.TasaImp);
      if (code === undefined || rate === undefined || INFORMED_AMOUNT_TAX_CODES.includes(code)) return;
      const { base, lines: taxedLines } = taxBase(doc, code);
      const { adjusted, factor } = adjustedTaxBase(doc, base);
      const expected = roundHalfUp((adjusted * rate) / 100);
      const found = num(row.MontoImp);
      if (found === expected) return;
      const name = `${ADDITIONAL_TAX_CODES.get(code) ?? 'impuesto'} (código ${code})`;
      const path = `Totales.ImptoReten[${i}].MontoImp`;
      const message =
        taxedLines === 0
          ? `El impuesto ${name} no corresponde a ninguna línea: agregue el código ${code} en CodImpAdic de las líneas afectas o quite el impuesto de los totales.`
          : `El monto del impuesto ${name} (${found === undefined ? 'no informado' : clp(found)}) debe ser el ${rate}% de las líneas con ese código ` +
            `(${clp(base)}${adjusted !== base ? `, ${clp(roundHalfUp(adjusted))} después de los descuentos y recargos globales (${clp(factor.before)} → ${clp(factor.after)})` : ''}): ${clp(expected)}.`;
      findings.push(finding(doc, 'M-06', 'block', path, message, { expected, found: row.MontoImp }));
    });
    return findings;
  },
};
