import { finding } from './rule-helpers';
import type { DteRule } from './rule';

const MAX_FOLIO = 9_999_999_999;

/** F-01: Folio is a positive integer of at most 10 digits. */
export const folioFormatRule: DteRule = {
  id: 'F-01',
  title: 'Formato del folio',
  appliesTo: 'all',
  check(doc) {
    const folio = doc.Folio;
    if (folio === undefined) return [];
    if (typeof folio === 'number' && Number.isInteger(folio) && folio > 0 && folio <= MAX_FOLIO) return [];
    const message = `El folio "${folio}" no es válido: debe ser un número entero positivo de hasta 10 dígitos.`;
    return [finding(doc, 'F-01', 'block', 'Folio', message, { found: folio })];
  },
};
