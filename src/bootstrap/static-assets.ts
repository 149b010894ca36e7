import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Headers of every /admin response: scripts, styles and API calls only from this origin (the page has no inline
 * script or style), never framed, never content-sniffed, and no referrer leaves the page.
 */
export const ADMIN_PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/** Finds an asset folder both when running from src (ts-node, tests) and from dist. */
export function assetDir(relative: string): string | undefined {
  return [join(__dirname, '..', relative), resolve('src', relative)].find((dir) => existsSync(dir));
}

/** Serves the admin page at /admin/. */
export function mountStaticAssets(app: NestFastifyApplication): void {
  const root = assetDir('admin/page');
  if (!root) return;
  const fastify = app.getHttpAdapter().getInstance();
  void fastify.register(fastifyStatic, {
    root,
    prefix: '/admin/',
    decorateReply: false,
    index: ['index.html'],
    setHeaders: (response) => Object.entries(ADMIN_PAGE_HEADERS).forEach(([name, value]) => response.setHeader(name, value)),
  });
  fastify.get('/admin', (_request, reply) => reply.headers(ADMIN_PAGE_HEADERS).redirect('/admin/'));
}
