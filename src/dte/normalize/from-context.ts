/** Normalizes the `context` block (and top-level `environment`) that may come with the SII-tag payload. */
import { asRecord, compact, toDateText, toNumberLike, toNumberList, toRecordArray, toText } from './coerce';
import type { CafInfo, CompanyInfo, DteContext, IssuedFolio, PartnerInfo, ReferencedDocument } from './normalized-dte';

function caf(raw: Record<string, unknown>): CafInfo {
  return compact({
    TD: toNumberLike(raw.TD),
    D: toNumberLike(raw.D),
    H: toNumberLike(raw.H),
    FA: toDateText(raw.FA),
    IDK: toNumberLike(raw.IDK),
    RE: toText(raw.RE)?.trim(),
  });
}

/** A company fact Odoo sends as `false` is an empty field in Odoo: kept blank (''), not dropped, so H-04 can name it. */
function fact(value: unknown): string | undefined {
  return value === false ? '' : toText(value);
}

/** Odoo's `res.company` names (`l10n_cl_dte_resolution_date`, ...) and the short ones of odoo-integration.md §4. */
function company(raw: Record<string, unknown>): CompanyInfo {
  const activityCodes = raw.activity_codes ?? raw.l10n_cl_company_activity_ids;
  return compact({
    vat: toText(raw.vat)?.trim(),
    resolutionDate: toDateText(raw.resolution_date ?? raw.l10n_cl_dte_resolution_date),
    resolutionNumber: toNumberLike(raw.resolution_number ?? raw.l10n_cl_dte_resolution_number),
    regionalOffice: fact(raw.regional_office ?? raw.l10n_cl_sii_regional_office),
    dteEmail: fact(raw.dte_email ?? raw.l10n_cl_dte_email),
    giro: fact(raw.activity_description ?? raw.l10n_cl_activity_description),
    acteco: activityCodes === false ? [] : toNumberList(activityCodes),
  });
}

/** The country code from `country_code`, `country` or Odoo's `country_id` (`{code}` or the code itself). */
function countryCode(raw: Record<string, unknown>): string | undefined {
  const countryId = asRecord(raw.country_id);
  const code = toText(raw.country_code ?? countryId?.code ?? raw.country ?? raw.country_id)
    ?.trim()
    .toUpperCase();
  return code && /^[A-Z]{2}$/.test(code) ? code : undefined;
}

function partner(raw: Record<string, unknown>): PartnerInfo {
  return compact({ taxpayerType: toNumberLike(raw.taxpayer_type ?? raw.l10n_cl_sii_taxpayer_type), countryCode: countryCode(raw) });
}

function issuedFolio(raw: Record<string, unknown>): IssuedFolio {
  return compact({
    folio: toNumberLike(raw.folio ?? raw.Folio),
    status: toText(raw.status)?.trim().toLowerCase(),
    FchEmis: toDateText(raw.FchEmis ?? raw.date),
    RUTRecep: toText(raw.RUTRecep ?? raw.partner_vat)?.trim(),
    MntTotal: toNumberLike(raw.MntTotal ?? raw.amount_total),
  });
}

function referencedDocument(raw: Record<string, unknown>): ReferencedDocument {
  return compact({
    TpoDocRef: toText(raw.TpoDocRef ?? raw.document_type)?.trim(),
    FolioRef: toText(raw.FolioRef ?? raw.folio)?.trim(),
    status: toText(raw.status)?.trim().toLowerCase(),
  });
}

/** Reads the optional context parts; whatever is absent stays undefined and the rules that need it stay silent. */
export function normalizeContext(contextRaw: Record<string, unknown> | undefined, environmentRaw: unknown): DteContext {
  const context = contextRaw ?? {};
  const part = <T>(key: string, read: (raw: Record<string, unknown>) => T): T | undefined => {
    const raw = asRecord(context[key]);
    return raw ? read(raw) : undefined;
  };
  return compact({
    caf: part('caf', caf),
    company: part('company', company),
    partner: part('partner', partner) ?? part('receptor', partner),
    environment: toText(environmentRaw ?? context.environment)
      ?.trim()
      .toUpperCase(),
    envelope: toText(context.envelope)?.trim(),
    issuedFolios: toRecordArray(context.issued_folios)?.map(issuedFolio),
    referencedDocuments: toRecordArray(context.referenced_documents)?.map(referencedDocument),
  });
}
