import { EXPORT_TYPES } from '../dte.constants';
import type { NormalizedDte, NumberLike } from '../normalize/normalized-dte';
import { docType, finding } from './rule-helpers';
import type { DteRule, Finding } from './rule';

function amounts(doc: NormalizedDte): { path: string; value: NumberLike | undefined }[] {
  const t = doc.Totales;
  return [
    { path: 'Totales.MntNeto', value: t.MntNeto },
    { path: 'Totales.MntExe', value: t.MntExe },
    { path: 'Totales.IVA', value: t.IVA },
    { path: 'Totales.MntTotal', value: t.MntTotal },
    ...(t.ImptoReten ?? []).map((tax, i) => ({ path: `Totales.ImptoReten[${i}].MontoImp`, value: tax.MontoImp })),
    ...(doc.Detalle ?? []).flatMap((line, i) => [
      { path: `Detalle[${i}].MontoItem`, value: line.MontoItem },
      { path: `Detalle[${i}].DescuentoMonto`, value: line.DescuentoMonto },
      { path: `Detalle[${i}].RecargoMonto`, value: line.RecargoMonto },
    ]),
  ];
}

/** M-07: CLP amounts are whole numbers ≥ 0 (43 may be negative; exports may carry decimals). */
export const integerAmountsRule: DteRule = {
  id: 'M-07',
  title: 'Montos enteros y no negativos',
  appliesTo: 'all',
  check(doc) {
    const type = docType(doc);
    const allowsDecimals = type !== undefined && EXPORT_TYPES.includes(type);
    const allowsNegative = type === 43;
    const findings: Finding[] = [];
    for (const { path, value } of amounts(doc)) {
      if (value === undefined) continue;
      if (typeof value !== 'number') {
        findings.push(finding(doc, 'M-07', 'block', path, `El monto "${value}" no es un número.`, { found: value }));
      } else if (!allowsDecimals && !Number.isInteger(value)) {
        findings.push(finding(doc, 'M-07', 'block', path, `El monto ${value} tiene decimales; en pesos chilenos debe ser un número entero.`, { expected: Math.round(value), found: value }));
      } else if (!allowsNegative && value < 0) {
        findings.push(finding(doc, 'M-07', 'block', path, `El monto ${value} es negativo; debe ser 0 o mayor.`, { expected: '>= 0', found: value }));
      }
    }
    return findings;
  },
};
