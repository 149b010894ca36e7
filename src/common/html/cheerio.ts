import type { CheerioAPI } from 'cheerio';

type CheerioLoad = typeof import('cheerio').load;

let cheerioLoad: CheerioLoad | undefined;

/**
 * cheerio's `load`, with cheerio (and its parsers) required on the first call instead of at start-up:
 * only the DTE XML reader, the payroll sources and the SII monitor parse markup, and a gateway-only
 * process never does. Import cheerio's types with `import type` next to this.
 */
export function load(...args: Parameters<CheerioLoad>): CheerioAPI {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  cheerioLoad ??= (require('cheerio') as typeof import('cheerio')).load;
  return cheerioLoad(...args);
}
