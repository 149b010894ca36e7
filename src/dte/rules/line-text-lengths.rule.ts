import { finding } from './rule-helpers';
import type { DteRule, Finding } from './rule';
import { LINE_FIELD_LENGTHS } from './tables/field-lengths.table';

const MAX_CODES = 5;
const CODE_LIMITS = { TpoCodigo: 10, VlrCodigo: 35 } as const;

/** L-02: item name 1..80, description ≤1000, unit ≤4, at most 5 item codes of limited length. */
export const lineTextLengthsRule: DteRule = {
  id: 'L-02',
  title: 'Largo de textos de las líneas',
  appliesTo: 'all',
  check(doc) {
    const findings: Finding[] = [];
    (doc.Detalle ?? []).forEach((line, i) => {
      for (const field of LINE_FIELD_LENGTHS) {
        const value = (line as Record<string, unknown>)[field.path];
        const path = `Detalle[${i}].${field.path}`;
        if (field.min && (value === undefined || (typeof value === 'string' && value.trim().length < field.min))) {
          findings.push(finding(doc, 'L-02', 'block', path, `La línea ${i + 1} no tiene ${field.label}.`));
        } else if (typeof value === 'string' && value.length > field.max) {
          const message = `El ${field.label} de la línea ${i + 1} tiene ${value.length} caracteres; el máximo es ${field.max}.`;
          findings.push(finding(doc, 'L-02', 'block', path, message, { expected: field.max, found: value.length }));
        }
      }
      const codes = line.CdgItem ?? [];
      if (codes.length > MAX_CODES) {
        const message = `La línea ${i + 1} tiene ${codes.length} códigos de ítem; el máximo es ${MAX_CODES}.`;
        findings.push(finding(doc, 'L-02', 'block', `Detalle[${i}].CdgItem`, message, { expected: MAX_CODES, found: codes.length }));
      }
      codes.forEach((code, j) => {
        for (const key of ['TpoCodigo', 'VlrCodigo'] as const) {
          const text = code[key];
          if (text !== undefined && text.length > CODE_LIMITS[key]) {
            const message = `El código ${j + 1} de la línea ${i + 1} (${key}) supera ${CODE_LIMITS[key]} caracteres.`;
            findings.push(finding(doc, 'L-02', 'block', `Detalle[${i}].CdgItem[${j}].${key}`, message, { expected: CODE_LIMITS[key], found: text.length }));
          }
        }
      });
    });
    return findings;
  },
};
