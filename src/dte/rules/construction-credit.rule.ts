import type { DteType } from '../dte.constants';
import { clp, docType, finding, num, roundHalfUp } from './rule-helpers';
import type { DteRule } from './rule';

/** Types on which the 65 % construction-company credit cannot be used (FMT c.119; LibreDTE `getDefaultCredEC`). */
const NO_CRED_EC_TYPES: readonly DteType[] = [39, 41, 46, 110, 111, 112];
const CRED_EC_SHARE = 0.65;

/** M-05: an informed CredEC equals round(IVA × 0.65) and never appears on boletas, facturas de compra or exports. */
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
    const message = `El crédito de empresas constructoras (${clp(credit)}) debe ser el 65% del IVA (${clp(iva)}): ${clp(expected)}.`;
    return [finding(doc, 'M-05', 'block', 'Totales.CredEC', message, { expected, found: credit })];
  },
};
