import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Finds an asset folder both when running from src (ts-node, tests) and from dist. */
export function assetDir(relative: string): string | undefined {
  return [join(__dirname, '..', relative), resolve('src', relative)].find((dir) => existsSync(dir));
}

/** Serves the admin page at /admin/. */
export function mountStaticAssets(app: NestFastifyApplication): void {
  const root = assetDir('admin/page');
  if (!root) return;
  const fastify = app.getHttpAdapter().getInstance();
  void fastify.register(fastifyStatic, { root, prefix: '/admin/', decorateReply: false, index: ['index.html'] });
  fastify.get('/admin', (_request, reply) => reply.redirect('/admin/'));
}
