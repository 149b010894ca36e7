import { BOLETA_TYPES, type DteType } from '../dte.constants';
import { AMOUNT_BASIS_TYPES, amountBasisMixUp } from './line-subtotals';
import { clp, docType, finding } from './rule-helpers';
import type { DteRule } from './rule';

/**
 * L-07: MontoItem is net on 33/46/52/56/61 unless MntBruto=1, and gross (IVA included) on boletas unless IndMntNeto=2.
 * Reports the typical mix-up: taxed lines adding up to MntNeto + IVA on a net-price document, or to MntNeto on a
 * gross-price one, and says which indicator to set.
 */
export const lineAmountBasisRule: DteRule = {
  id: 'L-07',
  title: 'Montos de línea netos o brutos según el documento',
  appliesTo: AMOUNT_BASIS_TYPES,
  check(doc) {
    const mixUp = amountBasisMixUp(doc);
    if (mixUp === undefined) return [];
    const { taxed, neto, iva } = mixUp;
    const boleta = BOLETA_TYPES.includes(docType(doc) as DteType);
    if (mixUp.kind === 'gross-lines') {
      const fix = boleta
        ? 'quite IndMntNeto=2 (en boletas los montos van con IVA incluido) o envíe los montos netos'
        : 'envíe los montos netos en PrcItem/MontoItem o indique MntBruto=1 (montos brutos)';
      const message = `Las líneas afectas suman ${clp(taxed)}, que es el neto más IVA: los montos de las líneas vienen con IVA incluido pero el documento declara precios netos. Para corregirlo, ${fix}.`;
      return [finding(doc, 'L-07', 'block', 'Detalle', message, { expected: neto, found: taxed })];
    }
    const fix = boleta ? 'envíe los montos con IVA incluido o indique IndMntNeto=2 (montos netos)' : 'envíe los montos con IVA incluido o quite MntBruto=1';
    const message = `Las líneas afectas suman ${clp(taxed)}, igual al neto: los montos de las líneas vienen sin IVA pero el documento declara precios brutos (IVA incluido), que debieran sumar ${clp(neto + iva)}. Para corregirlo, ${fix}.`;
    return [finding(doc, 'L-07', 'block', 'Detalle', message, { expected: neto + iva, found: taxed })];
  },
};
