import type { AppConfig } from 'src/config';

/** Payroll source URLs, schedule and cross-check, resolved once from AppConfig. */
export class PayrollSourceSettings {
  enabled: boolean;
  cron: string;
  siiBaseUrl: string;
  previredUrl: string;
  secondSource: 'mindicador' | 'cmf' | 'none';
  mindicadorBaseUrl: string;
  cmfBaseUrl: string;
  cmfApiKey: string | null;
  fetchTimeoutMs: number;
  /** Largest relative difference (percent) between SII and the second source accepted for UF and UTM. */
  crossCheckTolerancePct: number;
  /** The hosts of the configured URLs: nothing else is ever fetched. */
  allowedHosts: string[];
  slackWebhookUrl: string | null;

  static fromConfig(config: AppConfig): PayrollSourceSettings {
    const p = config.payrollSources;
    const urls = [p.siiBaseUrl, p.previredUrl, ...(p.secondSource === 'mindicador' ? [p.mindicadorBaseUrl] : p.secondSource === 'cmf' ? [p.cmfBaseUrl] : [])];
    return Object.assign(new PayrollSourceSettings(), {
      enabled: p.enabled,
      cron: p.cron,
      siiBaseUrl: p.siiBaseUrl.replace(/\/+$/, ''),
      previredUrl: p.previredUrl,
      secondSource: p.secondSource === 'cmf' && !p.cmfApiKey ? 'mindicador' : p.secondSource,
      mindicadorBaseUrl: p.mindicadorBaseUrl.replace(/\/+$/, ''),
      cmfBaseUrl: p.cmfBaseUrl.replace(/\/+$/, ''),
      cmfApiKey: p.cmfApiKey ?? null,
      fetchTimeoutMs: p.fetchTimeoutMs,
      crossCheckTolerancePct: 0.05,
      allowedHosts: [...new Set(urls.map((u) => new URL(u).host))],
      slackWebhookUrl: config.sii.slackWebhookUrl ?? null,
    });
  }
}
