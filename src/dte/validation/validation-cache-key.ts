/** The cache key of a validation: the same document, history and company on the same day in Chile give the same answer for 15 minutes. */
import { createHash } from 'node:crypto';

/** How long an LLM-reviewed answer is reused for an identical request. */
export const VALIDATION_CACHE_TTL_MS = 15 * 60 * 1000;

/**
 * A stable key for the parts of the request that decide the answer. `day` is today in Chile: the date rules (D-02 future
 * emission, F-03 CAF expiry) judge against it, so an answer given before midnight is not reused after it.
 */
export function validationCacheKey(parts: {
  day: string;
  companyId?: number;
  dteData?: unknown;
  dte?: unknown;
  context?: unknown;
  environment?: unknown;
  history?: unknown;
  strict?: boolean;
}): string {
  const material = JSON.stringify([
    parts.day,
    parts.companyId ?? null,
    parts.dteData ?? null,
    parts.dte ?? null,
    parts.context ?? null,
    parts.environment ?? null,
    parts.history ?? [],
    parts.strict === true,
  ]);
  return `dte:validate:v4:${createHash('sha256').update(material).digest('hex')}`;
}
