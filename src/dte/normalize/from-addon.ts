/** Normalizes the addon's reduced `dte_data` body (odoo-contract.md §3.1). */
import { ADDON_FIELDS, type FieldKind } from './addon-fields.table';
import { toDateText, toNumberLike, toText } from './coerce';
import type { NormalizedDte } from './normalized-dte';

function coerce(kind: FieldKind, value: unknown): unknown {
  if (kind === 'number') return toNumberLike(value);
  if (kind === 'date') return toDateText(value);
  const text = toText(value);
  return kind === 'rut' ? text?.trim() : text;
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) node = node[part] as Record<string, unknown>;
  node[parts[parts.length - 1]] = value;
}

/** Turns the addon body into the normalized document; unknown keys are recorded, never an error. */
export function normalizeAddonBody(body: Record<string, unknown>): NormalizedDte {
  const doc: NormalizedDte = { form: 'addon', Emisor: {}, Receptor: {}, Totales: {}, unknownKeys: [] };
  const known = new Set<string>();
  for (const field of ADDON_FIELDS) {
    known.add(field.key);
    const value = coerce(field.kind, body[field.key]);
    if (value !== undefined) setPath(doc as unknown as Record<string, unknown>, field.path, value);
  }
  doc.unknownKeys = Object.keys(body).filter((key) => !known.has(key));
  return doc;
}
