import type { NormalizedDte, NormalizedReference } from '../normalize/normalized-dte';
import { docType, finding } from './rule-helpers';
import type { DteRule, Finding, RuleContext } from './rule';
import { refersToTaxDocument } from './reference-helpers';
import { describeReferenced, findReferencedDocument, listsDocumentType, pointsToOneDocument } from './referenced-documents';

const GUIA_DE_DESPACHO = '52';

function noteOverGuia(doc: NormalizedDte, ref: NormalizedReference, i: number): Finding | undefined {
  const type = docType(doc);
  if ((type !== 56 && type !== 61) || ref.TpoDocRef !== GUIA_DE_DESPACHO || (ref.CodRef !== 1 && ref.CodRef !== 3)) return undefined;
  const note = type === 61 ? 'nota de crédito' : 'nota de débito';
  const action = ref.CodRef === 1 ? 'anula' : 'corrige montos de';
  const message =
    `La referencia ${i + 1} ${action} una guía de despacho (52). Una guía no genera débito fiscal, así que una ${note} ` +
    'no puede anularla ni corregir sus montos y el SII la rechaza (REF-3-415). Referencie la factura que incluyó esa guía.';
  return finding(doc, 'X-07', 'warn', `Referencia[${i}].TpoDocRef`, message, { expected: 'factura u otro documento tributario', found: ref.TpoDocRef });
}

function unknownOrRejected(doc: NormalizedDte, ref: NormalizedReference, i: number, ctx: RuleContext): Finding | undefined {
  const known = ctx.referencedDocuments;
  if (!known || !pointsToOneDocument(ref)) return undefined;
  const record = findReferencedDocument(ref, known);
  const path = `Referencia[${i}].FolioRef`;
  if (record?.status === 'rejected') {
    const message =
      `El documento referenciado en la referencia ${i + 1} (${describeReferenced(ref)}) fue rechazado por el SII; ` +
      'el SII rechazará también este documento por referenciar un documento que no existe (REF-3-750).';
    return finding(doc, 'X-07', 'warn', path, message, { expected: 'documento aceptado por el SII', found: record.status });
  }
  if (record === undefined && listsDocumentType(known, ref.TpoDocRef)) {
    const message =
      `No se encontró el documento referenciado en la referencia ${i + 1} (${describeReferenced(ref)}). ` +
      'Si no existe o no fue aceptado, el SII rechazará este documento (REF-3-750): revise el tipo y el folio.';
    return finding(doc, 'X-07', 'warn', path, message, { found: ref.FolioRef });
  }
  return undefined;
}

/**
 * references to tax documents must point to a document the SII knows and did not reject. Without context it
 * catches a note that annuls or corrects amounts of a guía (REF-3-415); with `referencedDocuments` it flags a
 * referenced document that was rejected, or missing from a list that includes documents of its type (REF-3-750).
 */
export const referencedDocumentValidRule: DteRule = {
  id: 'X-07',
  title: 'Documento referenciado válido ante el SII',
  appliesTo: 'all',
  check(doc, ctx) {
    return (doc.Referencia ?? []).flatMap((ref, i) => {
      if (!refersToTaxDocument(ref)) return [];
      const problem = noteOverGuia(doc, ref, i) ?? unknownOrRejected(doc, ref, i, ctx);
      return problem ? [problem] : [];
    });
  },
};
