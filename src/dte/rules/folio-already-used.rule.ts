import type { IssuedFolio, NormalizedDte, NumberLike } from '../normalize/normalized-dte';
import { normalizeRut } from '../rut';
import { finding } from './rule-helpers';
import type { DteRule, Finding } from './rule';

/** Odoo statuses meaning the folio was voided at the SII (`annulled` from the caller, `cancelled` is Odoo's). */
const ANNULLED_STATUSES = ['annulled', 'cancelled'];
/** A folio whose document the SII rejected may be issued again (Odoo resets it to draft and reposts it). */
const FOLIO_FREED_STATUSES = ['rejected'];

const COMPARED_FIELDS: { key: 'FchEmis' | 'RUTRecep' | 'MntTotal'; label: string; read: (doc: NormalizedDte) => unknown }[] = [
  { key: 'FchEmis', label: 'fecha de emisión', read: (doc) => doc.FchEmis },
  { key: 'RUTRecep', label: 'RUT del receptor', read: (doc) => doc.Receptor.RUTRecep },
  { key: 'MntTotal', label: 'monto total', read: (doc) => doc.Totales.MntTotal },
];

function comparable(key: string, value: unknown): string | undefined {
  if (value === undefined || value === null || String(value).trim() === '') return undefined;
  if (key === 'RUTRecep') return normalizeRut(value) ?? String(value).trim();
  return String(value).trim();
}

function sameFolio(issued: NumberLike | undefined, folio: NumberLike | undefined): boolean {
  return issued !== undefined && folio !== undefined && String(issued).trim() === String(folio).trim();
}

/** The fields both sides inform and that differ, with the issued and the current value. */
function differences(doc: NormalizedDte, issued: IssuedFolio) {
  return COMPARED_FIELDS.map((field) => ({
    ...field,
    before: comparable(field.key, issued[field.key]),
    now: comparable(field.key, field.read(doc)),
  })).filter((field) => field.before !== undefined && field.now !== undefined && field.before !== field.now);
}

/**
 * F-04: the folio was not already used by Odoo for another document of the same emitter and type, nor annulled
 * (SII rejections DTE-3-101 and DTE-3-601). The same folio with the same date, receiver and total is a resend and passes.
 *
 * Stateless by design: the caller sends what Odoo already issued (`context.issued_folios`) and the service keeps no
 * "used folios" set of its own, because a pre-send call is not an issue: when Odoo's post fails after calling us the
 * transaction rolls back and Odoo gives that same folio to a different invoice, which a remembered folio would then
 * wrongly block. Only Odoo's committed records say which folios are really taken.
 */
export const folioAlreadyUsedRule: DteRule = {
  id: 'F-04',
  title: 'Folio no usado ni anulado',
  appliesTo: 'all',
  check(doc, ctx) {
    const findings: Finding[] = [];
    for (const issued of ctx.issuedFolios ?? []) {
      if (!sameFolio(issued.folio, doc.Folio)) continue;
      const status = issued.status ?? '';
      if (ANNULLED_STATUSES.includes(status)) {
        const message = `El folio ${doc.Folio} fue anulado ante el SII y no puede volver a usarse; el SII rechaza el documento (DTE-3-601). ` + 'Emita el documento con el siguiente folio disponible.';
        findings.push(finding(doc, 'F-04', 'block', 'Folio', message, { found: status }));
        continue;
      }
      if (FOLIO_FREED_STATUSES.includes(status)) continue;
      const changed = differences(doc, issued);
      if (changed.length === 0) continue;
      const message =
        `El folio ${doc.Folio} ya se usó en otro documento tipo ${doc.TipoDTE ?? ''} con distinta ` +
        `${changed.map((field) => field.label).join(', ')}; el SII lo rechaza (DTE-3-101). ` +
        'Use un folio nuevo o, si es el mismo documento, reenvíelo sin cambiar esos datos.';
      const expected = Object.fromEntries(changed.map((field) => [field.key, field.before]));
      const found = Object.fromEntries(changed.map((field) => [field.key, field.now]));
      findings.push(finding(doc, 'F-04', 'block', 'Folio', message, { expected, found }));
    }
    return findings;
  },
};
