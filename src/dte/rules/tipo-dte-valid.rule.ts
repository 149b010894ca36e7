import { DTE_TYPES, expectedRootFor, isDteType } from '../dte.constants';
import { finding } from './rule-helpers';
import type { DteRule } from './rule';

/** T-01: TipoDTE is an SII electronic document code and matches the XML root element. */
export const tipoDteValidRule: DteRule = {
  id: 'T-01',
  title: 'Tipo de documento válido',
  appliesTo: 'all',
  check(doc) {
    const type = doc.TipoDTE;
    if (type === undefined) {
      return [finding(doc, 'T-01', 'block', 'TipoDTE', 'Falta el tipo de documento (TipoDTE).')];
    }
    if (!isDteType(type)) {
      return [
        finding(doc, 'T-01', 'block', 'TipoDTE', `El tipo de documento "${type}" no es un DTE válido del SII.`, {
          expected: DTE_TYPES.join(', '),
          found: type,
        }),
      ];
    }
    const root = expectedRootFor(type);
    if (doc.root !== undefined && doc.root !== root) {
      return [
        finding(doc, 'T-01', 'block', 'root', `Un DTE tipo ${type} debe ir en el elemento ${root}, no en ${doc.root}.`, {
          expected: root,
          found: doc.root,
        }),
      ];
    }
    return [];
  },
};
