/** Reads a value from the normalized document by its dotted SII path (`Emisor.RznSoc`). */
import type { NormalizedDte } from '../normalize/normalized-dte';

/** The value at a dotted path, or undefined when any step is missing. */
export function valueAt(doc: NormalizedDte, path: string): unknown {
  let node: unknown = doc;
  for (const part of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}
