import { toAddonIndicators } from './addon-indicators';
import type { StoredIndicatorSet } from './indicator-set.repository';

/** Body of GET /api/payroll/indicators/{period}: the §3.5 fields the Odoo cron reads plus which values are gaps or unofficial. */
export interface IndicatorsResponse {
  success: true;
  indicators: Record<string, number>;
  unconfirmed: string[];
  unofficial: string[];
  metadata: { source: string; period: string; fields_count: number; updated_at: string; imported_by: string };
}

/** Builds the indicators response of one stored set. */
export function toIndicatorsResponse(stored: StoredIndicatorSet): IndicatorsResponse {
  const { indicators, unconfirmed, unofficial } = toAddonIndicators(stored.set);
  return {
    success: true,
    indicators,
    unconfirmed,
    unofficial,
    metadata: {
      source: stored.source,
      period: stored.set.period,
      fields_count: Object.keys(indicators).length,
      updated_at: stored.updatedAt.toISOString(),
      imported_by: stored.importedBy,
    },
  };
}
