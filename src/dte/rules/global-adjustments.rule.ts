import { finding } from './rule-helpers';
import type { DteRule, Finding } from './rule';

const MAX_ROWS = 20;
const TPO_MOV = ['D', 'R'];
const TPO_VALOR = ['%', '$'];
const IND_EXE_DR = [1, 2];
const MAX_GLOSA = 45;

/**
 * M-11: global discount/surcharge rows (DscRcgGlobal, at most 20) use TpoMov D|R, TpoValor %|$, a GlosaDR of at most
 * 45 characters and, when informed, IndExeDR 1|2.
 */
export const globalAdjustmentsRule: DteRule = {
  id: 'M-11',
  title: 'Descuentos y recargos globales',
  appliesTo: 'all',
  check(doc) {
    const rows = doc.DscRcgGlobal ?? [];
    const findings: Finding[] = [];
    if (rows.length > MAX_ROWS) {
      const message = `Hay ${rows.length} descuentos o recargos globales; el SII admite como máximo ${MAX_ROWS}.`;
      findings.push(finding(doc, 'M-11', 'block', 'DscRcgGlobal', message, { expected: MAX_ROWS, found: rows.length }));
    }
    rows.forEach((row, i) => {
      const at = (field: string) => `DscRcgGlobal[${i}].${field}`;
      const n = i + 1;
      if (row.TpoMov === undefined || !TPO_MOV.includes(row.TpoMov)) {
        const message = `El descuento/recargo global ${n} debe indicar TpoMov D (descuento) o R (recargo).`;
        findings.push(finding(doc, 'M-11', 'block', at('TpoMov'), message, { expected: TPO_MOV, found: row.TpoMov }));
      }
      if (row.TpoValor === undefined || !TPO_VALOR.includes(row.TpoValor)) {
        const message = `El descuento/recargo global ${n} debe indicar TpoValor % (porcentaje) o $ (monto).`;
        findings.push(finding(doc, 'M-11', 'block', at('TpoValor'), message, { expected: TPO_VALOR, found: row.TpoValor }));
      }
      const glosaLength = row.GlosaDR === undefined ? 0 : [...row.GlosaDR].length;
      if (glosaLength > MAX_GLOSA) {
        const message = `La glosa del descuento/recargo global ${n} tiene ${glosaLength} caracteres; el SII admite como máximo ${MAX_GLOSA}: acórtela.`;
        findings.push(finding(doc, 'M-11', 'block', at('GlosaDR'), message, { expected: MAX_GLOSA, found: glosaLength }));
      }
      if (row.IndExeDR !== undefined && !(typeof row.IndExeDR === 'number' && IND_EXE_DR.includes(row.IndExeDR))) {
        const message = `El indicador de exención del descuento/recargo global ${n} debe ser 1 (exento) o 2 (no facturable).`;
        findings.push(finding(doc, 'M-11', 'block', at('IndExeDR'), message, { expected: IND_EXE_DR, found: row.IndExeDR }));
      }
    });
    return findings;
  },
};
