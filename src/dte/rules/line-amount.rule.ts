import { EXPORT_TYPES } from '../dte.constants';
import type { NormalizedLine } from '../normalize/normalized-dte';
import { clp, docType, finding, num, roundHalfUp } from './rule-helpers';
import type { DteRule, Finding } from './rule';

const EXPORT_TOLERANCE = 0.01;

/**
 * L-04: MontoItem = round(QtyItem × PrcItem) − DescuentoMonto + RecargoMonto (half-up, whole pesos); a percentage
 * discount or surcharge must come with its amount, equal to round(QtyItem × PrcItem × pct / 100). QtyItem defaults to 1.
 */
export const lineAmountRule: DteRule = {
  id: 'L-04',
  title: 'Aritmética de las líneas',
  appliesTo: 'all',
  check(doc) {
    const type = docType(doc);
    const isExport = type !== undefined && EXPORT_TYPES.includes(type);
    const round = (value: number) => (isExport ? Math.round(value * 10_000) / 10_000 : roundHalfUp(value));
    const findings: Finding[] = [];
    (doc.Detalle ?? []).forEach((line, i) => {
      const price = num(line.PrcItem);
      const amount = num(line.MontoItem);
      if (price === undefined || amount === undefined) return;
      const gross = (num(line.QtyItem) ?? 1) * price;
      const adjustments = [
        { pct: line.DescuentoPct, amount: line.DescuentoMonto, key: 'DescuentoMonto', label: 'descuento' },
        { pct: line.RecargoPct, amount: line.RecargoMonto, key: 'RecargoMonto', label: 'recargo' },
      ];
      for (const adj of adjustments) {
        const pct = num(adj.pct);
        if (pct === undefined) continue;
        const expected = round((gross * pct) / 100);
        if (num(adj.amount) !== expected) {
          const message = `El ${adj.label} de ${pct}% de la línea ${i + 1} debe ser ${clp(expected)}.`;
          findings.push(finding(doc, 'L-04', 'block', `Detalle[${i}].${adj.key}`, message, { expected, found: adj.amount }));
        }
      }
      const expected = round(gross) - (num(line.DescuentoMonto) ?? 0) + (num(line.RecargoMonto) ?? 0);
      if (!matches(expected, amount, isExport)) {
        findings.push(lineMismatch(doc, i, line, expected, amount));
      }
    });
    return findings;
  },
};

function matches(expected: number, found: number, isExport: boolean): boolean {
  return isExport ? Math.abs(expected - found) <= EXPORT_TOLERANCE : expected === found;
}

function lineMismatch(doc: Parameters<typeof finding>[0], i: number, line: NormalizedLine, expected: number, found: number) {
  const qty = line.QtyItem ?? 1;
  const message = `El monto de la línea ${i + 1} (${clp(found)}) no cuadra con cantidad × precio (${qty} × ${line.PrcItem}): debería ser ${clp(expected)}.`;
  return finding(doc, 'L-04', 'block', `Detalle[${i}].MontoItem`, message, { expected, found });
}
