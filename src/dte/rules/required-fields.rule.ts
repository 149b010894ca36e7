import { ADDON_CARRIED_PATHS } from '../normalize/addon-fields.table';
import { valueAt } from './field-access';
import { docType, finding, isBlank, isReceptionSummary } from './rule-helpers';
import type { DteRule } from './rule';
import { REQUIRED_FIELDS } from './tables/required-fields.table';

/** H-01: every field with obligation 1 for the type is present and not blank (addon form: only what that body carries). */
export const requiredFieldsRule: DteRule = {
  id: 'H-01',
  title: 'Campos obligatorios del encabezado',
  appliesTo: [33, 34, 39, 41, 43, 46, 52, 56, 61, 110, 111, 112],
  check(doc) {
    const type = docType(doc);
    if (type === undefined) return [];
    return REQUIRED_FIELDS.filter((field) => field.requiredFor.includes(type))
      .filter((field) => !isReceptionSummary(doc) || ADDON_CARRIED_PATHS.has(field.path))
      .filter((field) => isBlank(valueAt(doc, field.path)))
      .map((field) => finding(doc, 'H-01', 'block', field.path, `Falta el campo obligatorio ${field.label} para un documento tipo ${type}.`));
  },
};
