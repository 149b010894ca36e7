/** Detects which payload form came in and normalizes it. */
import { asRecord } from './coerce';
import { normalizeAddonBody } from './from-addon';
import { normalizeSiiPayload } from './from-sii';
import type { NormalizedInput } from './normalized-dte';

/**
 * Normalizes `{dte, context}` (SII-tag form), `{dte_data}` or a bare `dte_data` object (addon form);
 * anything that is not an object becomes an empty addon document, which the rules then reject.
 */
export function normalizeDte(input: unknown): NormalizedInput {
  const record = asRecord(input) ?? {};
  const dte = asRecord(record.dte);
  if (dte) return normalizeSiiPayload(dte, asRecord(record.context), record.environment);
  const addonBody = asRecord(record.dte_data) ?? record;
  return { doc: normalizeAddonBody(addonBody) };
}
