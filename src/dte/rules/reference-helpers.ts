/** Classifies Referencia rows: references to tax documents (the ones NC/ND modify) versus OC/contract/HES codes. */
import type { NormalizedReference } from '../normalize/normalized-dte';

const NON_TAX_FROM = 801;
const NON_TAX_TO = 823;

/** True when TpoDocRef names a tax document (a DTE or paper code), not an 801-823 code or an alphabetic code like HES. */
export function refersToTaxDocument(ref: NormalizedReference): boolean {
  const code = ref.TpoDocRef;
  if (code === undefined || !/^\d+$/.test(code)) return false;
  const value = Number(code);
  return value < NON_TAX_FROM || value > NON_TAX_TO;
}

export const COD_REF_VALUES = [1, 2, 3];
