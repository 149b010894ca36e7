import { toAddonIndicators } from './addon-indicators';
import { INDICATOR_KEYS, IndicatorKey, IndicatorSet, IndicatorStatus } from './indicator-set';
import type { StoredIndicatorSet } from './indicator-set.repository';

/** Where one indicator of the served month comes from. */
export interface IndicatorProvenanceView {
  status: IndicatorStatus;
  source: string;
  source_url?: string;
  fetched_at?: string;
  source_hash?: string;
  carried_from?: string;
}

/** Body of GET /api/payroll/indicators/{period}: the §3.5 fields the Odoo cron reads plus each one's status and provenance. */
export interface IndicatorsResponse {
  success: true;
  indicators: Record<string, number>;
  /** Status of each name in `indicators`. */
  statuses: Record<string, IndicatorStatus>;
  unconfirmed: string[];
  unofficial: string[];
  carried_forward: string[];
  /** Status, source, URL, fetch time, page hash and origin month of each indicator of the set. */
  provenance: Partial<Record<IndicatorKey | 'healthSplit', IndicatorProvenanceView>>;
  metadata: { source: string; period: string; fields_count: number; updated_at: string; imported_by: string };
}

function provenanceOf(set: IndicatorSet): IndicatorsResponse['provenance'] {
  const out: IndicatorsResponse['provenance'] = {};
  for (const key of [...INDICATOR_KEYS, 'healthSplit'] as const) {
    const entry = set[key];
    if (!entry) continue;
    const view: IndicatorProvenanceView = { status: entry.status, source: entry.source };
    if (entry.sourceUrl) view.source_url = entry.sourceUrl;
    if (entry.fetchedAt) view.fetched_at = entry.fetchedAt;
    if (entry.sourceHash) view.source_hash = entry.sourceHash;
    if (entry.carriedFrom) view.carried_from = entry.carriedFrom;
    out[key] = view;
  }
  return out;
}

/** Builds the indicators response of one served set. */
export function toIndicatorsResponse(stored: StoredIndicatorSet): IndicatorsResponse {
  const { indicators, statuses, unconfirmed, unofficial, carried_forward } = toAddonIndicators(stored.set);
  return {
    success: true,
    indicators,
    statuses,
    unconfirmed,
    unofficial,
    carried_forward,
    provenance: provenanceOf(stored.set),
    metadata: {
      source: stored.source,
      period: stored.set.period,
      fields_count: Object.keys(indicators).length,
      updated_at: stored.updatedAt.toISOString(),
      imported_by: stored.importedBy,
    },
  };
}
