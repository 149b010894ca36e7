import { isPublicPath } from './public-paths';

describe('isPublicPath', () => {
  it('opens probes, the scrape, the docs and the admin page', () => {
    for (const path of ['/health', '/health/ready', '/metrics', '/docs', '/docs-json', '/admin', '/admin/admin.js']) expect([path, isPublicPath(path)]).toEqual([path, true]);
  });

  it('keeps data routes behind the key, including /metrics/costs and look-alike prefixes', () => {
    for (const path of ['/metrics/costs', '/healthz', '/administrator', '/api/admin/overview', '/v1/models']) expect([path, isPublicPath(path)]).toEqual([path, false]);
  });
});
