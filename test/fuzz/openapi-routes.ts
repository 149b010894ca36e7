/** A JSON schema node as Swagger emits it (only the keywords the fuzzer reads). */
export interface Schema {
  $ref?: string;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  type?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  example?: unknown;
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
}

interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}

interface OpenApiOperation {
  parameters?: OpenApiParameter[];
  requestBody?: { content?: Record<string, { schema?: Schema; example?: unknown; examples?: Record<string, { value?: unknown }> }> };
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}

/** The part of an OpenAPI 3 document the fuzzer needs. */
export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, Schema> };
}

/** One method + path to fuzz, with its inputs and documented answers resolved from the OpenAPI document. */
export interface FuzzRoute {
  method: string;
  /** OpenAPI template, e.g. /api/payroll/indicators/{period}. */
  path: string;
  pathParams: string[];
  queryParams: { name: string; schema: Schema }[];
  /** Resolved JSON body schema, when the route takes one. */
  bodySchema?: Schema;
  /** Documented or schema-derived valid-looking bodies, used as seeds for mutation. */
  bodyExamples: unknown[];
  /** Resolved response schemas by status code ("200", "201"...). */
  responses: Record<string, Schema | undefined>;
  /** Documented as text/event-stream, or known to stream. */
  streams: boolean;
  /** Present in the OpenAPI document (false: only on the known-routes list). */
  documented: boolean;
}

const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** Inlines $ref and allOf so every node is self-contained (recursion is cut at depth 12). */
export function resolveSchema(schema: Schema | undefined, doc: OpenApiDocument, depth = 0): Schema | undefined {
  if (!schema || depth > 12) return schema;
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    const { $ref: _ref, ...rest } = schema;
    return resolveSchema({ ...doc.components?.schemas?.[name], ...rest }, doc, depth + 1);
  }
  if (schema.allOf?.length) {
    const { allOf, ...rest } = schema;
    const merged = allOf.map((s) => resolveSchema(s, doc, depth + 1) ?? {}).reduce((a, b) => mergeSchemas(a, b), {} as Schema);
    return resolveSchema(mergeSchemas(merged, rest), doc, depth + 1);
  }
  const out: Schema = { ...schema };
  if (schema.properties) {
    out.properties = Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, resolveSchema(v, doc, depth + 1) ?? {}]));
  }
  if (schema.items) out.items = resolveSchema(schema.items, doc, depth + 1);
  return out;
}

function mergeSchemas(a: Schema, b: Schema): Schema {
  return {
    ...a,
    ...b,
    properties: a.properties || b.properties ? { ...a.properties, ...b.properties } : undefined,
    required: [...(a.required ?? []), ...(b.required ?? [])],
  };
}

/** Builds a value the schema accepts from its examples and types (used as the seed that mutations start from). */
export function exampleFor(schema: Schema | undefined, depth = 0): unknown {
  if (!schema || depth > 8) return {};
  if (schema.example !== undefined) return schema.example;
  if (schema.enum?.length) return schema.enum[0];
  switch (schema.type) {
    case 'string':
      return 'x'.repeat(Math.max(1, schema.minLength ?? 1));
    case 'number':
    case 'integer':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    case 'array':
      return schema.items ? [exampleFor(schema.items, depth + 1)] : [];
    default:
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, v]) => [k, exampleFor(v, depth + 1)]));
  }
}

/** Every method + path of the document, with schemas resolved. */
export function routesFromOpenApi(doc: OpenApiDocument): FuzzRoute[] {
  const routes: FuzzRoute[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!HTTP_METHODS.includes(method)) continue;
      const params = op.parameters ?? [];
      const json = op.requestBody?.content?.['application/json'];
      const bodySchema = json ? resolveSchema(json.schema ?? { type: 'object' }, doc) : undefined;
      const documentedExamples = [json?.example, ...Object.values(json?.examples ?? {}).map((e) => e.value)].filter((e) => e !== undefined);
      const responses = Object.fromEntries(Object.entries(op.responses ?? {}).map(([status, r]) => [status, resolveSchema(r.content?.['application/json']?.schema, doc)]));
      const streams = Object.values(op.responses ?? {}).some((r) => Object.keys(r.content ?? {}).includes('text/event-stream')) || /stream/.test(path);
      routes.push({
        method: method.toUpperCase(),
        path,
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
        queryParams: params.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema ?? { type: 'string' } })),
        bodySchema,
        bodyExamples: bodySchema ? (documentedExamples.length ? documentedExamples : [exampleFor(bodySchema)]) : [],
        responses,
        streams: streams || path === '/v1/chat/completions',
        documented: true,
      });
    }
  }
  return routes;
}

/** Adds routes from `known` ("METHOD /path") that the document does not list, so they are probed too. */
export function withKnownRoutes(routes: FuzzRoute[], known: string[]): FuzzRoute[] {
  const seen = new Set(routes.map((r) => `${r.method} ${r.path}`));
  const extra = known
    .filter((k) => !seen.has(k))
    .map((k): FuzzRoute => {
      const [method, path] = k.split(' ');
      const pathParams = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const hasBody = method === 'POST' || method === 'PUT';
      return {
        method,
        path,
        pathParams,
        queryParams: [],
        bodySchema: hasBody ? { type: 'object' } : undefined,
        bodyExamples: hasBody ? [{}] : [],
        responses: {},
        streams: /stream/.test(path),
        documented: false,
      };
    });
  return [...routes, ...extra];
}
