import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { AppConfig } from 'src/config';

import { siiUserAgent } from './fetch/page-fetcher';
import { SII_FETCH_BACKOFF_MS, SII_FETCH_RETRIES, SII_SLACK_TIMEOUT_MS, SII_USER_AGENT_CONTACT } from './sii-monitor.constants';
import { parseSourcesConfig, type SiiSource } from './sources/sii-source';

/** Everything the monitor reads from configuration, resolved once at start-up (bad SII_SOURCES fails the boot). */
export class SiiMonitorSettings {
  enabled: boolean;
  cron: string;
  /** Sources from SII_SOURCES, or null for the yearly defaults. */
  sources: SiiSource[] | null;
  allowedHosts: string[];
  fetchTimeoutMs: number;
  maxPageBytes: number;
  fetchRetries: number;
  fetchBackoffMs: number;
  retentionDays: number;
  slackWebhookUrl: string | null;
  slackTechLeadId: string | null;
  slackTimeoutMs: number;
  userAgent: string;

  /** Builds the settings from the validated AppConfig. */
  static fromConfig(config: AppConfig): SiiMonitorSettings {
    const sii = config.sii;
    return Object.assign(new SiiMonitorSettings(), {
      enabled: sii.enabled,
      cron: sii.cron,
      sources: sii.sourcesJson ? parseSourcesConfig(sii.sourcesJson) : null,
      allowedHosts: sii.allowedHosts,
      fetchTimeoutMs: sii.fetchTimeoutMs,
      maxPageBytes: sii.maxPageBytes,
      fetchRetries: SII_FETCH_RETRIES,
      fetchBackoffMs: SII_FETCH_BACKOFF_MS,
      retentionDays: sii.retentionDays,
      slackWebhookUrl: sii.slackWebhookUrl ?? null,
      slackTechLeadId: sii.slackTechLeadId ?? null,
      slackTimeoutMs: SII_SLACK_TIMEOUT_MS,
      userAgent: siiUserAgent(packageVersion(), SII_USER_AGENT_CONTACT),
    });
  }
}

function packageVersion(): string {
  for (const path of [join(__dirname, '../../package.json'), join(__dirname, '../../../package.json')]) {
    try {
      return (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;
    } catch {
      // src and dist layouts put package.json at different depths
    }
  }
  return '0.0.0';
}
