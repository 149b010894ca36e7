import fc from 'fast-check';
import { BAD_PERIODS, BAD_RUTS, EDGE_NUMBERS, hostileString, PROMPT_INJECTIONS, RAW_JSON_STRINGS, UNICODE_EDGES } from './hostile-strings';
import type { Schema } from './openapi-routes';

type JsonPath = (string | number)[];

/** A change applied at one place of a JSON value. */
export type Mutation =
  | { kind: 'delete' }
  | { kind: 'replace'; value: unknown }
  | { kind: 'stringify' }
  | { kind: 'numberify' }
  | { kind: 'wrap-array' }
  | { kind: 'extra-fields'; fields: Record<string, unknown> }
  | { kind: 'raw'; text: string };

/** Placeholder string replaced in the serialised body by raw JSON text (deep nesting, escaped lone surrogates). */
const RAW_MARK = '\u0001RAW\u0001';

/** Random JSON of any shape: scalars, arrays, objects, NaN-ish strings. */
export const anyJson = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.jsonValue({ maxDepth: 4 }),
    fc.constantFrom(null, true, false, 0, -1, '', 'null', 'NaN', 'undefined', [], {}, [null], { '': '' }, JSON.parse('{"__proto__":{"admin":true}}')),
    fc.constantFrom(...EDGE_NUMBERS),
    hostileString(),
  );

/** Deeply nested arrays or objects as raw JSON text. */
export const deepNesting = (): fc.Arbitrary<string> =>
  fc.tuple(fc.integer({ min: 200, max: 5000 }), fc.boolean()).map(([n, arrays]) => (arrays ? `${'['.repeat(n)}${']'.repeat(n)}` : `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`));

const replacementFor = (key: string): fc.Arbitrary<unknown> => {
  const domain: fc.Arbitrary<unknown>[] = [];
  if (/rut/i.test(key)) domain.push(fc.constantFrom(...BAD_RUTS));
  if (/period|periodo|fecha|date|from|to/i.test(key)) domain.push(fc.constantFrom(...BAD_PERIODS));
  if (/razon|nombre|name|message|content|title|descr|giro|item|glosa|text/i.test(key)) domain.push(fc.constantFrom(...PROMPT_INJECTIONS));
  return fc.oneof(...domain, anyJson(), fc.constantFrom(...UNICODE_EDGES), fc.constantFrom(...EDGE_NUMBERS));
};

/** A mutation suited to the field named `key` (RUT fields get bad RUTs, text fields get injections...). */
export const mutationFor = (key: string): fc.Arbitrary<Mutation> =>
  fc.oneof(
    { weight: 2, arbitrary: fc.constant<Mutation>({ kind: 'delete' }) },
    { weight: 5, arbitrary: replacementFor(key).map((value): Mutation => ({ kind: 'replace', value })) },
    { weight: 2, arbitrary: fc.constantFrom<Mutation>({ kind: 'stringify' }, { kind: 'numberify' }, { kind: 'wrap-array' }) },
    {
      weight: 1,
      arbitrary: fc
        .dictionary(fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('__proto__', 'constructor', 'prototype', '$where')), anyJson(), { minKeys: 1, maxKeys: 5 })
        .map((fields): Mutation => ({ kind: 'extra-fields', fields })),
    },
    { weight: 1, arbitrary: fc.oneof(deepNesting(), fc.constantFrom(...RAW_JSON_STRINGS)).map((text): Mutation => ({ kind: 'raw', text })) },
  );

/** Every path inside `value` (objects and arrays, depth-limited), the root included. */
export function pathsOf(value: unknown, prefix: JsonPath = [], depth = 0): JsonPath[] {
  if (depth > 6 || value === null || typeof value !== 'object') return [prefix];
  const children = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return [prefix, ...children.flatMap(([k, v]) => pathsOf(v, [...prefix, k], depth + 1))];
}

/** Adds the schema's declared top-level fields that the example leaves out, so each can be set to junk too. */
export function fieldPaths(example: unknown, schema: Schema | undefined): JsonPath[] {
  const paths = pathsOf(example);
  const present = new Set(paths.map((p) => p.join('.')));
  const declared = Object.keys(schema?.properties ?? {})
    .map((k) => [k])
    .filter((p) => !present.has(p.join('.')));
  return [...paths, ...declared];
}

function applyAt(root: unknown, path: JsonPath, mutation: Mutation, raws: string[]): unknown {
  if (path.length === 0) return transform(root, mutation, raws, true);
  const copy: any = Array.isArray(root) ? [...root] : root !== null && typeof root === 'object' ? { ...root } : {};
  const [head, ...rest] = path;
  if (rest.length === 0 && mutation.kind === 'delete') {
    if (Array.isArray(copy)) copy.splice(Number(head), 1);
    else delete copy[head];
    return copy;
  }
  copy[head] = rest.length ? applyAt(copy[head], rest, mutation, raws) : transform(copy[head], mutation, raws, false);
  return copy;
}

function transform(current: unknown, mutation: Mutation, raws: string[], isRoot: boolean): unknown {
  switch (mutation.kind) {
    case 'delete':
      return isRoot ? {} : undefined;
    case 'replace':
      return mutation.value;
    case 'stringify':
      return typeof current === 'string' ? current : JSON.stringify(current ?? null);
    case 'numberify':
      // JSON text, not String(): an object whose extra fields shadow toString cannot be converted to a primitive.
      return typeof current === 'number' ? String(current) : Number.parseFloat(typeof current === 'string' ? current : (JSON.stringify(current) ?? '')) || 0;
    case 'wrap-array':
      return [current];
    case 'extra-fields':
      return current !== null && typeof current === 'object' && !Array.isArray(current) ? { ...current, ...mutation.fields } : mutation.fields;
    case 'raw':
      raws.push(mutation.text);
      return RAW_MARK;
  }
}

/** Serialises `value` after the mutations; raw JSON pieces are spliced in where they were placed. */
export function mutatedJsonText(example: unknown, changes: { path: JsonPath; mutation: Mutation }[]): string {
  const raws: string[] = [];
  const mutated = changes.reduce((acc, c) => applyAt(acc, c.path, c.mutation, raws), example);
  let text = JSON.stringify(mutated) ?? 'null';
  for (const raw of raws) text = text.replace(JSON.stringify(RAW_MARK), raw);
  return text;
}

/** One to three schema-aware mutations of `example`, as JSON text. */
export const mutatedBody = (example: unknown, schema: Schema | undefined): fc.Arbitrary<string> => {
  const paths = fieldPaths(example, schema);
  const change = fc.constantFrom(...paths).chain((path) => mutationFor(String(path[path.length - 1] ?? '')).map((mutation) => ({ path, mutation })));
  return fc.array(change, { minLength: 1, maxLength: 3 }).map((changes) => mutatedJsonText(example, changes));
};
