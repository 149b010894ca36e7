import type { DteType } from '../dte.constants';
import { clp, docType, finding, num, roundHalfUp } from './rule-helpers';
import type { DteRule } from './rule';

/** Types on which the 65 % construction-company credit cannot be used (FMT c.119; LibreDTE `getDefaultCredEC`). */
const NO_CRED_EC_TYPES: readonly DteType[] = [39, 41, 46, 110, 111, 112];
const CRED_EC_SHARE = 0.65;

/**
 * M-05: an informed CredEC is at most round(IVA × 0.65) and never appears on boletas, facturas de compra or exports.
 * Above 65 % blocks; below it only warns, because the credit is also capped per dwelling (DL 910 art. 21, 225 UF), so a
 * smaller credit can be right.
 */
export const constructionCreditRule: DteRule = {
  id: 'M-05',
  title: 'Crédito especial empresas constructoras (65% del IVA)',
  appliesTo: 'all',
  check(doc) {
    const credit = num(doc.Totales.CredEC);
    if (credit === undefined) return [];
    const type = docType(doc);
    if (type !== undefined && NO_CRED_EC_TYPES.includes(type)) {
      const message = `El crédito de empresas constructoras (CredEC) no se puede usar en documentos tipo ${type}; quítelo de los totales.`;
      return [finding(doc, 'M-05', 'block', 'Totales.CredEC', message, { found: credit })];
    }
    const iva = num(doc.Totales.IVA) ?? 0;
    const expected = roundHalfUp(iva * CRED_EC_SHARE);
    if (credit === expected) return [];
    if (credit > expected) {
      const message = `El crédito de empresas constructoras (${clp(credit)}) supera el 65% del IVA (${clp(iva)}): como máximo ${clp(expected)}.`;
      return [finding(doc, 'M-05', 'block', 'Totales.CredEC', message, { expected, found: credit })];
    }
    const message = `El crédito de empresas constructoras (${clp(credit)}) es menor que el 65% del IVA (${clp(expected)}); correcto solo si se aplicó el tope por vivienda (225 UF): revíselo.`;
    return [finding(doc, 'M-05', 'warn', 'Totales.CredEC', message, { expected, found: credit })];
  },
};
