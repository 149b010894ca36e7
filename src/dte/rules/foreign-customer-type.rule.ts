import { BOLETA_TYPES, type DteType } from '../dte.constants';
import { normalizeRut } from '../rut';
import { docType, finding, num } from './rule-helpers';
import type { DteRule } from './rule';

/** `l10n_cl_sii_taxpayer_type` of a foreigner. */
const FOREIGN_TAXPAYER = 4;
/** RUTRecep Odoo writes for a foreign (taxpayer type 4) customer. */
const FOREIGN_RECEIVER_RUT = '55555555-5';
/** The export document to use instead, by the domestic type it replaces. */
const EXPORT_EQUIVALENT: Partial<Record<DteType, DteType>> = { 33: 110, 34: 110, 43: 110, 56: 111, 61: 112 };

/**
 * T-05: a foreign customer (taxpayer type 4, a country other than Chile in `context.partner`, or RUTRecep 55555555-5 on
 * a document that is not a boleta) gets only export documents 110/111/112, or boletas 39/41 (Odoo `l10n_cl`
 * `_check_document_types_post`, sales branch).
 *
 * A boleta to a taxpayer-type-4 customer is only a warning: the SII accepts it, but Odoo posts a boleta to a foreign
 * customer only when the customer is set as end consumer (type 3). Not checked: 46 (factura de compra, the counterparty
 * is the seller; Odoo's purchase branch allows foreigners there), 52 (guías are stock pickings, outside that check, and
 * export transfers name a foreign buyer) and the DIN 914 rule (DIN only with RUT 60805000-0): a DIN is an import
 * declaration registered as a purchase, never a DTE this service validates before sending.
 */
export const foreignCustomerTypeRule: DteRule = {
  id: 'T-05',
  title: 'Tipo de documento para cliente extranjero',
  appliesTo: [33, 34, 39, 41, 43, 56, 61],
  check(doc, ctx) {
    const type = docType(doc);
    if (type === undefined) return [];
    const foreignTaxpayer = num(ctx.partner?.taxpayerType) === FOREIGN_TAXPAYER;
    const isBoleta = BOLETA_TYPES.includes(type);
    if (isBoleta) {
      if (!foreignTaxpayer) return [];
      const message =
        `El cliente está registrado en Odoo como extranjero (tipo de contribuyente 4); para emitirle una boleta (${type}) ` +
        'Odoo exige que sea consumidor final (tipo 3). Cambie el tipo de contribuyente del cliente o emita una factura de exportación.';
      return [finding(doc, 'T-05', 'warn', 'TipoDTE', message, { expected: 'tipo de contribuyente 3', found: FOREIGN_TAXPAYER })];
    }
    const foreignRut = normalizeRut(doc.Receptor.RUTRecep) === FOREIGN_RECEIVER_RUT;
    const country = ctx.partner?.countryCode;
    const foreignCountry = country !== undefined && country !== 'CL';
    if (!foreignTaxpayer && !foreignRut && !foreignCountry) return [];
    const reason = foreignTaxpayer
      ? 'está registrado en Odoo como extranjero (tipo de contribuyente 4)'
      : foreignCountry
        ? `tiene país ${country} en Odoo`
        : `tiene el RUT de extranjero ${FOREIGN_RECEIVER_RUT}`;
    const message =
      `El cliente ${reason}; a un cliente extranjero solo se emiten documentos de exportación (110, 111, 112) o boletas (39, 41), ` +
      `no un documento tipo ${type}. Use el tipo ${EXPORT_EQUIVALENT[type]} o corrija los datos del cliente.`;
    return [finding(doc, 'T-05', 'block', 'TipoDTE', message, { expected: [110, 111, 112, 39, 41], found: type })];
  },
};
