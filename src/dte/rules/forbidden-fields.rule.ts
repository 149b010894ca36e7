import { DTE_TYPES } from '../dte.constants';
import { valueAt } from './field-access';
import { docType, finding, isReceptionSummary } from './rule-helpers';
import type { DteRule } from './rule';
import { FORBIDDEN_FIELDS, type ForbiddenField } from './tables/forbidden-fields.table';

function isPresent(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

function reportedElsewhere(field: ForbiddenField, value: unknown): boolean {
  if (!field.reportedBy) return false;
  return field.reportedBy.values === 'all' || value !== 0;
}

/**
 * H-02: header fields with obligation 0 for the type are absent. SII-tag form only: the addon body always sends its
 * few totals (0 when they do not apply). Fields another rule already reports (G-01, M-08, T-04) are left to it.
 */
export const forbiddenFieldsRule: DteRule = {
  id: 'H-02',
  title: 'Campos que no corresponden al tipo de documento',
  appliesTo: DTE_TYPES,
  check(doc) {
    const type = docType(doc);
    if (type === undefined || isReceptionSummary(doc)) return [];
    return FORBIDDEN_FIELDS.filter((field) => field.forbiddenFor.includes(type)).flatMap((field) => {
      const value = valueAt(doc, field.path);
      if (!isPresent(value) || reportedElsewhere(field, value)) return [];
      const message = `Un documento tipo ${type} no debe incluir el campo ${field.label}: ${field.hint}. Quítelo antes de enviar.`;
      return [finding(doc, 'H-02', 'block', field.path, message, { expected: 'sin el campo', found: value })];
    });
  },
};
