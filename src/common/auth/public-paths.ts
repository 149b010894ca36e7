/** Paths served without a key and never throttled: probes, the Prometheus scrape, API docs, the admin page's static files. */
const PUBLIC_PREFIXES = ['/health', '/metrics', '/docs', '/admin'];

/** True for a public path (`/metrics/costs` is a data route behind the key, despite its prefix). */
export function isPublicPath(path: string): boolean {
  if (path === '/metrics/costs') return false;
  return PUBLIC_PREFIXES.some((p) => path === p || path.startsWith(`${p}/`) || path.startsWith(`${p}-`));
}
