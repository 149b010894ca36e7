import { finding } from './rule-helpers';
import type { DteRule } from './rule';
import { refersToTaxDocument } from './reference-helpers';
import { describeReferenced, findReferencedDocument, pointsToOneDocument } from './referenced-documents';

/** Odoo's `l10n_cl_dte_status` values under which it lets a document be reversed with a credit note. */
const REVERSIBLE_STATUSES = ['accepted', 'objected'];

/** What to tell the user per status; X-07 already warns that the SII rejects a note over a rejected document. */
const ADVICE_BY_STATUS = new Map<string, string>(Object.entries({
  not_sent: 'aún no se ha enviado al SII: envíelo y espere su aceptación antes de emitir la nota de crédito',
  ask_for_status: 'está enviado pero el SII aún no responde: consulte su estado y espere la aceptación antes de emitir la nota de crédito',
  rejected: 'fue rechazado por el SII: no se corrige con una nota de crédito; vuelva ese documento a borrador, corríjalo y envíelo de nuevo',
  cancelled: 'está anulado en Odoo: no corresponde emitir una nota de crédito sobre él',
}));

/**
 * Odoo only reverses (credit note) documents the SII accepted, with or without objections. With
 * `referencedDocuments` in context, a referenced document in another state gets a note on what to do in Odoo instead.
 */
export const referencedDocumentStatusRule: DteRule = {
  id: 'X-09',
  title: 'Estado en Odoo del documento que se anula o corrige',
  appliesTo: [61, 112],
  check(doc, ctx) {
    const known = ctx.referencedDocuments;
    if (!known) return [];
    return (doc.Referencia ?? []).flatMap((ref, i) => {
      if (!refersToTaxDocument(ref) || !pointsToOneDocument(ref)) return [];
      const status = findReferencedDocument(ref, known)?.status;
      if (status === undefined || REVERSIBLE_STATUSES.includes(status)) return [];
      const advice = ADVICE_BY_STATUS.get(status) ?? `está en estado "${status}"; Odoo solo emite notas de crédito sobre documentos aceptados por el SII (con o sin reparos)`;
      const message = `El documento referenciado en la referencia ${i + 1} (${describeReferenced(ref)}) ${advice}.`;
      return [finding(doc, 'X-09', 'info', `Referencia[${i}].FolioRef`, message, { expected: REVERSIBLE_STATUSES, found: status })];
    });
  },
};
