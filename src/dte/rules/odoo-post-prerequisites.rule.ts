import { BOLETA_TYPES, DTE_TYPES, EXPORT_TYPES, type DteType } from '../dte.constants';
import type { NormalizedDte } from '../normalize/normalized-dte';
import { valueAt } from './field-access';
import { docType, finding, isBlank, isReceptionSummary } from './rule-helpers';
import type { DteRule, Finding } from './rule';
import { REQUIRED_FIELDS } from './tables/required-fields.table';

/** Types whose customer needs a giro / a street in Odoo (`_l10n_cl_edi_post_validation`). */
const CUSTOMER_GIRO_TYPES = DTE_TYPES.filter((type) => !BOLETA_TYPES.includes(type) && !EXPORT_TYPES.includes(type));
const CUSTOMER_STREET_TYPES = DTE_TYPES.filter((type) => !BOLETA_TYPES.includes(type));

/** True when the company informs the value and it is empty; a value it does not send is unknown, never missing. */
function informedEmpty(value: unknown): boolean {
  if (value === undefined) return false;
  return Array.isArray(value) ? value.every(isBlank) : isBlank(value);
}

/** True when H-01 already reports the document field as missing for this type. */
function reportedByH01(doc: NormalizedDte, type: DteType, path: string): boolean {
  const field = REQUIRED_FIELDS.find((candidate) => candidate.path === path);
  return field !== undefined && field.requiredFor.includes(type) && isBlank(valueAt(doc, path));
}

/**
 * H-04: the company and customer data Odoo's `_l10n_cl_edi_post_validation` demands before it posts the document:
 * company giro, ≥1 activity code, SII regional office and DTE e-mail (not for boletas or exports), customer giro
 * (not for 39/41/110–112) and customer street (not for 39/41).
 *
 * Company facts come from `context.company` and count as missing only when it sends them empty; when it does not
 * send them the document's GiroEmis/Acteco stand for the same fact, and H-01 already reports those when blank, so
 * this rule adds only what H-01 does not report for the type. Received documents (addon form) are not posted by us.
 */
export const odooPostPrerequisitesRule: DteRule = {
  id: 'H-04',
  title: 'Datos de empresa y cliente exigidos por Odoo',
  appliesTo: 'all',
  check(doc, ctx) {
    const type = docType(doc);
    if (isReceptionSummary(doc) || type === undefined) return [];
    const company = ctx.company ?? {};
    const findings: Finding[] = [];
    const report = (path: string, message: string) => findings.push(finding(doc, 'H-04', 'block', path, message));
    const companyFix = 'Complételo en la ficha de la empresa en Odoo (datos según Mi SII) antes de validar.';

    if (informedEmpty(company.giro) && !reportedByH01(doc, type, 'Emisor.GiroEmis')) {
      report('context.company.activity_description', `La empresa no tiene giro (descripción de actividad) configurado. ${companyFix}`);
    }
    if (informedEmpty(company.acteco) && !reportedByH01(doc, type, 'Emisor.Acteco')) {
      report('context.company.activity_codes', `La empresa no tiene códigos de actividad económica configurados. ${companyFix}`);
    }
    if (informedEmpty(company.regionalOffice)) {
      report('context.company.regional_office', `La empresa no tiene oficina regional del SII configurada. ${companyFix}`);
    }
    if (!BOLETA_TYPES.includes(type) && !EXPORT_TYPES.includes(type) && informedEmpty(company.dteEmail)) {
      report('context.company.dte_email', `La empresa no tiene correo de intercambio DTE configurado. ${companyFix}`);
    }
    if (CUSTOMER_GIRO_TYPES.includes(type) && isBlank(doc.Receptor.GiroRecep) && !reportedByH01(doc, type, 'Receptor.GiroRecep')) {
      report('Receptor.GiroRecep', `Odoo exige el giro del cliente en un documento tipo ${type}; complételo en la ficha del cliente.`);
    }
    if (CUSTOMER_STREET_TYPES.includes(type) && isBlank(doc.Receptor.DirRecep) && !reportedByH01(doc, type, 'Receptor.DirRecep')) {
      report('Receptor.DirRecep', `Odoo exige la dirección del cliente en un documento tipo ${type}; complétela en la ficha del cliente.`);
    }
    return findings;
  },
};
