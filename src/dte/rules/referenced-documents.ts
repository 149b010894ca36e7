/** Looks up a Referencia row in the list of referenced documents the caller sent (Odoo's own records). */
import type { NormalizedReference, ReferencedDocument } from '../normalize/normalized-dte';

function sameFolio(a: string, b: string): boolean {
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) return BigInt(a) === BigInt(b);
  return a.trim().toUpperCase() === b.trim().toUpperCase();
}

/** The caller's record of the document this reference points to (same TpoDocRef and folio), if it sent one. */
export function findReferencedDocument(ref: NormalizedReference, known: readonly ReferencedDocument[]): ReferencedDocument | undefined {
  if (ref.TpoDocRef === undefined || ref.FolioRef === undefined) return undefined;
  return known.find((doc) => doc.TpoDocRef === ref.TpoDocRef && doc.FolioRef !== undefined && sameFolio(doc.FolioRef, ref.FolioRef!));
}

/** True when the caller's list includes at least one document of this type, so a missing one means it is unknown. */
export function listsDocumentType(known: readonly ReferencedDocument[], tpoDocRef: string | undefined): boolean {
  return tpoDocRef !== undefined && known.some((doc) => doc.TpoDocRef === tpoDocRef);
}

/** True for a reference to one specific document: a folio given and not a global reference (IndGlobal 1). */
export function pointsToOneDocument(ref: NormalizedReference): boolean {
  return ref.IndGlobal !== 1 && ref.FolioRef !== undefined && ref.FolioRef !== '';
}

/** How a referenced document is named in messages: `tipo 33, folio 121`. */
export function describeReferenced(ref: NormalizedReference): string {
  return `tipo ${ref.TpoDocRef}, folio ${ref.FolioRef}`;
}
