/** Reads a value from the normalized document by its dotted SII path (`Emisor.RznSoc`). */
import type { NormalizedDte } from '../normalize/normalized-dte';

// The paths come from small fixed tables, so each is split once instead of on every read.
const SPLIT_PATHS = new Map<string, readonly string[]>();

function partsOf(path: string): readonly string[] {
  let parts = SPLIT_PATHS.get(path);
  if (parts === undefined) {
    parts = path.split('.');
    SPLIT_PATHS.set(path, parts);
  }
  return parts;
}

/** The value at a dotted path, or undefined when any step is missing. */
export function valueAt(doc: NormalizedDte, path: string): unknown {
  let node: unknown = doc;
  for (const part of partsOf(path)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}
