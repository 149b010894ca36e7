/** Turns the flat `dte_data` body into the SII-tag JSON, so both forms share one normalizer and the same rules. */
import { FLAT_GROUPS, FLAT_HEADER_FIELDS, FLAT_ITEM_CODE_FIELDS, type FlatField } from './addon-fields.table';
import { asRecord } from './coerce';

export interface FlatConversion {
  /** The document named after the SII tags, values untouched (the SII normalizer coerces them). */
  dte: Record<string, unknown>;
  /** Keys the flat form does not know, as paths inside `dte_data` (`glosa`, `lineas[0].color`). */
  unknownKeys: string[];
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    node[part] = asRecord(node[part]) ?? {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts[parts.length - 1]] = value;
}

/** Which key of the body carries the field (its own name first, then its aliases). */
function keyUsed(body: Record<string, unknown>, field: { key: string; aliases?: readonly string[] }): string | undefined {
  return [field.key, ...(field.aliases ?? [])].find((key) => key in body);
}

/** Maps the keys of one flat object onto their tags; unknown keys are reported under `prefix`. */
function mapFields(
  source: Record<string, unknown>,
  fields: readonly FlatField[],
  prefix: string,
  unknownKeys: string[],
  nested: (field: FlatField, value: unknown, path: string) => unknown = (_field, value) => value,
): Record<string, unknown> {
  const target: Record<string, unknown> = {};
  const known = new Set<string>();
  for (const field of fields) {
    const key = keyUsed(source, field);
    if (key === undefined) continue;
    known.add(key);
    setPath(target, field.tag, nested(field, source[key], `${prefix}${key}`));
  }
  unknownKeys.push(
    ...Object.keys(source)
      .filter((key) => !known.has(key))
      .map((key) => `${prefix}${key}`),
  );
  return target;
}

/** A list part: each object item is mapped, anything else is passed on for the normalizer and the rules to judge. */
function mapItems(value: unknown, fields: readonly FlatField[], path: string, unknownKeys: string[], nested?: Parameters<typeof mapFields>[4]): unknown {
  const items = Array.isArray(value) ? value : asRecord(value) ? [value] : undefined;
  if (items === undefined) return value;
  return items.map((item, i) => {
    const record = asRecord(item);
    return record ? mapFields(record, fields, `${path}[${i}].`, unknownKeys, nested) : item;
  });
}

/** Line item codes (`codigos`) are themselves a list of `{tipo_codigo, valor_codigo}`. */
function lineField(unknownKeys: string[]) {
  return (field: FlatField, value: unknown, path: string): unknown => (field.tag === 'CdgItem' ? mapItems(value, FLAT_ITEM_CODE_FIELDS, path, unknownKeys) : value);
}

/** Converts a flat body; the result has the shape `normalizeSiiPayload` reads. */
export function flatToSiiTags(body: Record<string, unknown>): FlatConversion {
  const unknownKeys: string[] = [];
  const groupKeys = new Set(FLAT_GROUPS.flatMap((group) => [group.key, ...(group.aliases ?? [])]));
  const headerBody = Object.fromEntries(Object.entries(body).filter(([key]) => !groupKeys.has(key)));
  const dte = mapFields(headerBody, FLAT_HEADER_FIELDS, '', unknownKeys);
  for (const group of FLAT_GROUPS) {
    const key = keyUsed(body, group);
    if (key === undefined) continue;
    const nested = group.tag === 'Detalle' ? lineField(unknownKeys) : undefined;
    const value = body[key];
    const record = asRecord(value);
    const mapped = group.list ? mapItems(value, group.fields, key, unknownKeys, nested) : record ? mapFields(record, group.fields, `${key}.`, unknownKeys) : value;
    setPath(dte, group.tag, mapped);
  }
  return { dte, unknownKeys };
}
