import { EXEMPT_TYPES } from '../dte.constants';
import { finding, num } from './rule-helpers';
import type { DteRule } from './rule';

/** T-04: exempt and export types (34, 41, 110-112) must not carry VAT. */
export const exemptTypeNoVatRule: DteRule = {
  id: 'T-04',
  title: 'Documento exento sin IVA',
  appliesTo: EXEMPT_TYPES,
  check(doc) {
    const iva = num(doc.Totales.IVA);
    if (iva === undefined || iva === 0) return [];
    return [
      finding(doc, 'T-04', 'block', 'Totales.IVA', `Un documento tipo ${doc.TipoDTE} es exento: no puede llevar IVA.`, {
        expected: 0,
        found: iva,
      }),
    ];
  },
};
