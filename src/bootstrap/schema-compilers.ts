import type { FastifyServerOptions } from 'fastify';

type SchemaController = NonNullable<FastifyServerOptions['schemaController']>;
type CompilerFactory = (externalSchemas: unknown, options: unknown) => unknown;

/**
 * Fastify's JSON-schema compilers, loaded the first time a route declares a schema. Fastify otherwise requires
 * ajv (with ajv-formats and its JTD build) and fast-json-stringify when it is created: ~35 ms of start-up and
 * ~4 MB of heap that stays live, for nothing, since no route here has a Fastify schema (Nest validates bodies
 * with class-validator). Handing Fastify these factories marks its compilers as custom, which changes only one
 * thing, for a route with a headers schema: Fastify would no longer lower-case that schema's property names.
 */
export function lazySchemaCompilers(): SchemaController {
  let validator: CompilerFactory | undefined;
  let serializer: CompilerFactory | undefined;
  /* eslint-disable @typescript-eslint/no-require-imports */
  const factories = {
    buildValidator: (externalSchemas: unknown, options: unknown) => (validator ??= (require('@fastify/ajv-compiler') as () => CompilerFactory)())(externalSchemas, options),
    buildSerializer: (externalSchemas: unknown, options: unknown) => (serializer ??= (require('@fastify/fast-json-stringify-compiler') as () => CompilerFactory)())(externalSchemas, options),
  };
  /* eslint-enable @typescript-eslint/no-require-imports */
  return { compilersFactory: factories as SchemaController['compilersFactory'] };
}
