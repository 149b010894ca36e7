import { chileMonth } from 'src/common/time/chile-calendar';

/** Kinds of SII page the monitor knows how to read; each has its own parser. */
export type SiiSourceKind = 'news' | 'circulares' | 'resoluciones' | 'page';

export const SII_SOURCE_KINDS: readonly SiiSourceKind[] = ['news', 'circulares', 'resoluciones', 'page'];

/** One page to watch, as configuration. */
export interface SiiSource {
  id: string;
  url: string;
  kind: SiiSourceKind;
  enabled: boolean;
}

/** The watch list of sii-sources.md §1 for a given year: yearly indexes plus generic pages hashed whole. */
export function defaultSources(year: number): SiiSource[] {
  return [
    { id: `noticias-${year}`, kind: 'news', url: `https://www.sii.cl/noticias/${year}/index.html`, enabled: true },
    {
      id: `circulares-${year}`,
      kind: 'circulares',
      url: `https://www.sii.cl/normativa_legislacion/circulares/${year}/indcir${year}.htm`,
      enabled: true,
    },
    {
      id: `resoluciones-${year}`,
      kind: 'resoluciones',
      url: `https://www.sii.cl/normativa_legislacion/resoluciones/${year}/res_ind${year}.htm`,
      enabled: true,
    },
    { id: 'fe-normativa', kind: 'page', url: 'https://www.sii.cl/factura_electronica/normativa.htm', enabled: true },
    {
      id: 'fe-formato-dte',
      kind: 'page',
      url: 'https://www.sii.cl/factura_electronica/factura_mercado/formato_dte.htm',
      enabled: true,
    },
  ];
}

/** Raised by parseSourcesConfig with every problem found, each naming the entry and field. */
export class SiiSourcesConfigError extends Error {
  readonly kind = 'sii_sources_config';
  constructor(readonly problems: string[]) {
    super(`Invalid SII_SOURCES: ${problems.join('; ')}`);
    this.name = 'SiiSourcesConfigError';
  }
}

/** True when the value is a SiiSourcesConfigError. */
export function isSiiSourcesConfigError(value: unknown): value is SiiSourcesConfigError {
  return value instanceof SiiSourcesConfigError;
}

/** Written in a configured URL, replaced by the year of the run (yearly indexes roll over on 1 January). */
export const YEAR_PLACEHOLDER = /\{YYYY\}/g;

const ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/** Parses the SII_SOURCES JSON array (`[{id,url,kind,enabled?}]`, `{YYYY}` allowed in url); throws SiiSourcesConfigError listing every bad field. */
export function parseSourcesConfig(json: string): SiiSource[] {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    throw new SiiSourcesConfigError([`not valid JSON (${(error as Error).message})`]);
  }
  if (!Array.isArray(raw)) throw new SiiSourcesConfigError(['must be a JSON array of sources']);
  const problems: string[] = [];
  const sources: SiiSource[] = [];
  const seen = new Set<string>();
  raw.forEach((entry: unknown, index) => {
    const where = `[${index}]`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      problems.push(`${where} must be an object`);
      return;
    }
    const { id, url, kind, enabled } = entry as Record<string, unknown>;
    const before = problems.length;
    if (typeof id !== 'string' || !ID_PATTERN.test(id)) {
      problems.push(`${where}.id must be lowercase letters, digits, '-' or '_' (got ${JSON.stringify(id)})`);
    } else if (seen.has(id)) {
      problems.push(`${where}.id "${id}" is duplicated`);
    }
    if (typeof url !== 'string' || !isHttpUrl(url.replace(YEAR_PLACEHOLDER, '2000'))) {
      problems.push(`${where}.url must be an absolute http(s) URL without credentials (got ${JSON.stringify(url)})`);
    }
    if (typeof kind !== 'string' || !SII_SOURCE_KINDS.includes(kind as SiiSourceKind)) {
      problems.push(`${where}.kind must be one of ${SII_SOURCE_KINDS.join('|')} (got ${JSON.stringify(kind)})`);
    }
    if (enabled !== undefined && typeof enabled !== 'boolean') {
      problems.push(`${where}.enabled must be a boolean when present`);
    }
    if (problems.length === before) {
      seen.add(id as string);
      sources.push({ id: id as string, url: url as string, kind: kind as SiiSourceKind, enabled: enabled !== false });
    }
  });
  if (problems.length > 0) throw new SiiSourcesConfigError(problems);
  return sources;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && !url.username && !url.password;
  } catch {
    return false;
  }
}

/**
 * The enabled sources for a run at `now` (Chile's year): configured ones with `{YYYY}` filled in, or the defaults;
 * in January the defaults also keep last year's indexes, where the last norms of December may still appear.
 */
export function sourcesForRun(configured: readonly SiiSource[] | null, now: Date): SiiSource[] {
  const [year, month] = chileMonth(now).split('-').map(Number);
  if (configured) {
    return configured.filter((source) => source.enabled).map((source) => ({ ...source, url: source.url.replace(YEAR_PLACEHOLDER, String(year)) }));
  }
  const previous = month === 1 ? defaultSources(year - 1).filter((source) => source.kind !== 'page') : [];
  return [...defaultSources(year), ...previous].filter((source) => source.enabled);
}
