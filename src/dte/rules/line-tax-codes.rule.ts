import { finding } from './rule-helpers';
import type { DteRule, Finding } from './rule';
import { isAdditionalTaxCode, MAX_TAX_CODES_PER_LINE } from './tables/additional-tax-codes.table';

/** L-08: each line carries at most two CodImpAdic, each an SII additional-tax/withholding code (ImpAdicDTEType). */
export const lineTaxCodesRule: DteRule = {
  id: 'L-08',
  title: 'Códigos de impuesto adicional de las líneas',
  appliesTo: 'all',
  check(doc) {
    const findings: Finding[] = [];
    (doc.Detalle ?? []).forEach((line, i) => {
      const codes = line.CodImpAdic ?? [];
      const path = `Detalle[${i}].CodImpAdic`;
      if (codes.length > MAX_TAX_CODES_PER_LINE) {
        const message = `La línea ${i + 1} informa ${codes.length} códigos de impuesto adicional; el SII admite como máximo ${MAX_TAX_CODES_PER_LINE} por línea.`;
        findings.push(finding(doc, 'L-08', 'block', path, message, { expected: MAX_TAX_CODES_PER_LINE, found: codes.length }));
      }
      codes.forEach((code, j) => {
        if (isAdditionalTaxCode(code)) return;
        const message = `El código de impuesto adicional ${code === '' ? '(vacío)' : code} de la línea ${i + 1} no existe en la tabla del SII; use el código correcto (p. ej. 27 bebidas analcohólicas, 24 licores) o quítelo.`;
        findings.push(finding(doc, 'L-08', 'block', `${path}[${j}]`, message, { found: code }));
      });
    });
    return findings;
  },
};
