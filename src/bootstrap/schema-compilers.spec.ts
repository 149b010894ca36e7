import Fastify from 'fastify';
import { lazySchemaCompilers } from './schema-compilers';

describe(lazySchemaCompilers.name, () => {
  it('still validates and serialises a route that declares a schema, loading the compilers then', async () => {
    const app = Fastify({ schemaController: lazySchemaCompilers() });
    app.post(
      '/echo',
      {
        schema: {
          body: { type: 'object', required: ['rut'], properties: { rut: { type: 'string' } } },
          response: { 200: { type: 'object', properties: { rut: { type: 'string' } } } },
        },
      },
      async (request) => ({ rut: (request.body as { rut: string }).rut, secret: 'not in the response schema' }),
    );
    const refused = await app.inject({ method: 'POST', url: '/echo', payload: {} });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().message).toContain("must have required property 'rut'");
    const served = await app.inject({ method: 'POST', url: '/echo', payload: { rut: '76.086.428-5' } });
    expect(served.json()).toEqual({ rut: '76.086.428-5' });
    await app.close();
  });
});
