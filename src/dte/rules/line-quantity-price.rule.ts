import type { NumberLike } from '../normalize/normalized-dte';
import { decimalPlaces, finding } from './rule-helpers';
import type { DteRule, Finding } from './rule';

const MAX_INTEGER_PART = 1e12;
const MAX_DECIMALS = 6;

function problem(value: NumberLike): string | null {
  if (typeof value !== 'number') return 'no es un número';
  if (value < 0) return 'es negativa';
  if (Math.abs(value) >= MAX_INTEGER_PART) return 'tiene más de 12 dígitos enteros';
  if (decimalPlaces(value) > MAX_DECIMALS) return 'tiene más de 6 decimales';
  return null;
}

/** L-03: QtyItem and PrcItem are numbers > 0 with ≤12 integer and ≤6 decimal digits (a zero price is only a warning). */
export const lineQuantityPriceRule: DteRule = {
  id: 'L-03',
  title: 'Cantidad y precio de las líneas',
  appliesTo: 'all',
  check(doc) {
    const findings: Finding[] = [];
    (doc.Detalle ?? []).forEach((line, i) => {
      const fields = [
        { key: 'QtyItem', label: 'cantidad', value: line.QtyItem },
        { key: 'PrcItem', label: 'precio unitario', value: line.PrcItem },
      ];
      for (const { key, label, value } of fields) {
        if (value === undefined) continue;
        const path = `Detalle[${i}].${key}`;
        const issue = problem(value);
        if (issue) {
          findings.push(finding(doc, 'L-03', 'block', path, `La ${label} de la línea ${i + 1} ${issue} (${value}).`, { found: value }));
        } else if (value === 0) {
          const severity = key === 'QtyItem' ? 'block' : 'warn';
          findings.push(finding(doc, 'L-03', severity, path, `La ${label} de la línea ${i + 1} es cero.`, { found: value }));
        }
      }
    });
    return findings;
  },
};
