/** Deterministic values generated from a JSON schema (or Gemini's OpenAPI-style schema), and OpenAI's strict-mode checks. */

/** A JSON schema as the vendors accept it; Gemini writes types in upper case (`OBJECT`). */
export type JsonSchema = Record<string, unknown>;

const FORMAT_SAMPLES: Record<string, string> = {
  date: '2026-01-15',
  'date-time': '2026-01-15T10:30:00Z',
  email: 'usuario@example.com',
  time: '10:30:00',
  uri: 'https://example.com/recurso',
  url: 'https://example.com/recurso',
  uuid: '00000000-0000-4000-8000-000000000001',
};
const MAX_DEPTH = 8;

/**
 * A value that conforms to `schema`: `const`, else the first `enum` value, else by type — strings take `text`
 * (cut to `maxLength`, or a sample for a known `format`), numbers their minimum (or 1), booleans true, arrays
 * `minItems` (at least 1) items, objects their `required` properties (every property when `required` is absent).
 */
export function sampleFromSchema(schema: JsonSchema | undefined, text: string, root: JsonSchema | undefined = schema, depth = 0): unknown {
  if (!schema || typeof schema !== 'object' || depth > MAX_DEPTH) return null;
  if (typeof schema.$ref === 'string') return sampleFromSchema(resolveRef(root, schema.$ref), text, root, depth + 1);
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  const branches = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (Array.isArray(branches) && branches.length > 0) {
    const branch = branches.find((b) => typeOf(b) !== 'null') ?? branches[0];
    return sampleFromSchema(branch, text, root, depth + 1);
  }
  if (Array.isArray(schema.allOf)) return sampleFromSchema(Object.assign({}, ...(schema.allOf as JsonSchema[])), text, root, depth + 1);
  switch (typeOf(schema)) {
    case 'string':
      return sampleString(schema, text);
    case 'integer':
      return Math.ceil(sampleNumber(schema));
    case 'number':
      return sampleNumber(schema);
    case 'boolean':
      return true;
    case 'null':
      return null;
    case 'array': {
      const count = Math.max(1, Number(schema.minItems ?? 1));
      return Array.from({ length: count }, () => sampleFromSchema(schema.items as JsonSchema, text, root, depth + 1));
    }
    default:
      return sampleObject(schema, text, root, depth);
  }
}

/** Why OpenAI would refuse this schema in strict mode (every object closed and all its properties required), or undefined. */
export function strictSchemaProblem(schema: JsonSchema | undefined, path: string[] = []): string | undefined {
  if (!schema || typeof schema !== 'object') return undefined;
  const context = `(${path.map((segment) => `'${segment}'`).join(', ')})`;
  const properties = schema.properties as Record<string, JsonSchema> | undefined;
  if (typeOf(schema) === 'object' || properties) {
    if (schema.additionalProperties !== false) return `In context=${context}, 'additionalProperties' is required to be supplied and to be false.`;
    const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
    const missing = Object.keys(properties ?? {}).filter((key) => !required.has(key));
    if (missing.length > 0) return `In context=${context}, 'required' is required to be supplied and to be an array including every key in properties. Missing '${missing[0]}'.`;
    for (const [key, child] of Object.entries(properties ?? {})) {
      const problem = strictSchemaProblem(child, [...path, 'properties', key]);
      if (problem) return problem;
    }
  }
  for (const key of ['items', '$defs', 'definitions'] as const) {
    const child = schema[key] as JsonSchema | Record<string, JsonSchema> | undefined;
    if (!child || typeof child !== 'object') continue;
    const children = key === 'items' ? [child as JsonSchema] : Object.values(child as Record<string, JsonSchema>);
    for (const item of children) {
      const problem = strictSchemaProblem(item, [...path, key]);
      if (problem) return problem;
    }
  }
  for (const branch of [...((schema.anyOf as JsonSchema[]) ?? []), ...((schema.oneOf as JsonSchema[]) ?? [])]) {
    const problem = strictSchemaProblem(branch, [...path, 'anyOf']);
    if (problem) return problem;
  }
  return undefined;
}

/** Whether `value` conforms to `schema` for the subset the sampler produces (types, required, enums, nesting). */
export function conformsTo(value: unknown, schema: JsonSchema | undefined, root: JsonSchema | undefined = schema, depth = 0): boolean {
  if (!schema || typeof schema !== 'object' || depth > MAX_DEPTH) return true;
  if (typeof schema.$ref === 'string') return conformsTo(value, resolveRef(root, schema.$ref), root, depth + 1);
  if ('const' in schema) return JSON.stringify(value) === JSON.stringify(schema.const);
  if (Array.isArray(schema.enum)) return schema.enum.some((option) => JSON.stringify(option) === JSON.stringify(value));
  const branches = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (Array.isArray(branches)) return branches.some((branch) => conformsTo(value, branch, root, depth + 1));
  switch (typeOf(schema)) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    case 'null':
      return value === null;
    case 'array':
      return Array.isArray(value) && value.every((item) => conformsTo(item, schema.items as JsonSchema, root, depth + 1));
    default: {
      if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
      const record = value as Record<string, unknown>;
      const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
      const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
      if (required.some((key) => !(key in record))) return false;
      if (schema.additionalProperties === false && Object.keys(record).some((key) => !(key in properties))) return false;
      return Object.entries(record).every(([key, item]) => conformsTo(item, properties[key], root, depth + 1));
    }
  }
}

function sampleObject(schema: JsonSchema, text: string, root: JsonSchema | undefined, depth: number): Record<string, unknown> {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const ordering = Array.isArray(schema.propertyOrdering) ? (schema.propertyOrdering as string[]) : Object.keys(properties);
  const required = Array.isArray(schema.required) ? new Set(schema.required as string[]) : undefined;
  const out: Record<string, unknown> = {};
  for (const key of ordering) {
    if (key in properties && (!required || required.has(key))) out[key] = sampleFromSchema(properties[key], text, root, depth + 1);
  }
  return out;
}

function sampleString(schema: JsonSchema, text: string): string {
  const format = typeof schema.format === 'string' ? FORMAT_SAMPLES[schema.format] : undefined;
  let value = format ?? (text.trim() || 'ejemplo');
  const max = typeof schema.maxLength === 'number' ? schema.maxLength : undefined;
  const min = typeof schema.minLength === 'number' ? schema.minLength : 0;
  if (max !== undefined) value = value.slice(0, max);
  return value.padEnd(min, 'x');
}

function sampleNumber(schema: JsonSchema): number {
  if (typeof schema.minimum === 'number') return schema.minimum;
  if (typeof schema.exclusiveMinimum === 'number') return schema.exclusiveMinimum + 1;
  if (typeof schema.maximum === 'number') return Math.min(1, schema.maximum);
  return 1;
}

/** The schema's type in lower case; the first non-null one for a type list; `object` when only properties say so. */
function typeOf(schema: JsonSchema): string {
  const raw = Array.isArray(schema.type) ? ((schema.type as string[]).find((t) => String(t).toLowerCase() !== 'null') ?? 'null') : schema.type;
  if (typeof raw === 'string') return raw.toLowerCase();
  if (schema.items) return 'array';
  return 'object';
}

function resolveRef(root: JsonSchema | undefined, ref: string): JsonSchema | undefined {
  if (!root || !ref.startsWith('#')) return undefined;
  let node: unknown = root;
  for (const segment of ref.slice(1).split('/').filter(Boolean)) {
    node = node && typeof node === 'object' ? (node as Record<string, unknown>)[segment.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
  }
  return node as JsonSchema | undefined;
}
