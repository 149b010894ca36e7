import { valueAt } from './field-access';
import { finding } from './rule-helpers';
import type { DteRule } from './rule';
import { HEADER_FIELD_LENGTHS } from './tables/field-lengths.table';

/** H-03: header texts fit the SII length limits. */
export const fieldLengthsRule: DteRule = {
  id: 'H-03',
  title: 'Largo máximo de los campos',
  appliesTo: 'all',
  check(doc) {
    return HEADER_FIELD_LENGTHS.flatMap((field) => {
      const value = valueAt(doc, field.path);
      if (typeof value !== 'string' || value.length <= field.max) return [];
      const message = `El campo ${field.label} tiene ${value.length} caracteres; el máximo permitido es ${field.max}.`;
      return [finding(doc, 'H-03', 'block', field.path, message, { expected: field.max, found: value.length })];
    });
  },
};
