/** Detects which payload form came in and normalizes it. */
import { asRecord } from './coerce';
import { flatToSiiTags } from './from-addon';
import { normalizeSiiPayload } from './from-sii';
import type { NormalizedInput } from './normalized-dte';

/**
 * Normalizes `{dte, context}` (SII-tag form), `{dte_data, context}` or a bare `dte_data` object (flat form); the flat
 * form is first renamed to SII tags, so both forms are read by the same code. `fromXml` marks a `dte` read out of
 * `dte_xml`, where RUTs must already have the schema's form. Anything that is not an object becomes an empty flat
 * document, which the rules then reject.
 */
export function normalizeDte(input: unknown): NormalizedInput {
  const record = asRecord(input) ?? {};
  const dte = asRecord(record.dte);
  if (dte) {
    const normalized = normalizeSiiPayload(dte, asRecord(record.context), record.environment);
    if (record.fromXml === true) normalized.doc.fromXml = true;
    return normalized;
  }
  const wrapped = asRecord(record.dte_data);
  const { dte: tagged, unknownKeys } = flatToSiiTags(wrapped ?? record);
  const normalized = wrapped ? normalizeSiiPayload(tagged, asRecord(record.context), record.environment) : normalizeSiiPayload(tagged);
  normalized.doc.form = 'addon';
  normalized.doc.unknownKeys = unknownKeys;
  return normalized;
}
