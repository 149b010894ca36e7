import { REFERENCE_REQUIRED_TYPES } from '../dte.constants';
import { finding, isReceptionSummary } from './rule-helpers';
import type { DteRule } from './rule';

/** debit/credit notes (56, 61, 111, 112) reference at least one document (not checkable on the addon body). */
export const referenceRequiredRule: DteRule = {
  id: 'X-01',
  title: 'Notas con referencia obligatoria',
  appliesTo: REFERENCE_REQUIRED_TYPES,
  check(doc) {
    if (isReceptionSummary(doc) || (doc.Referencia && doc.Referencia.length > 0)) return [];
    const message = `Una nota de crédito o débito (tipo ${doc.TipoDTE}) debe referenciar el documento que modifica.`;
    return [finding(doc, 'X-01', 'block', 'Referencia', message)];
  },
};
