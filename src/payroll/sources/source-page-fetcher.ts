import { createHash } from 'node:crypto';

import { Injectable } from '@nestjs/common';

import { fetchPage } from 'src/sii-monitor/fetch/page-fetcher';
import { decodePageBody } from 'src/sii-monitor/parsing/decode-body';

import { PayrollSourceSettings } from './payroll-source.settings';

/** One fetched source document: decoded text, final URL (secrets removed), fetch time and SHA-256 of the bytes. */
export interface SourcePage {
  url: string;
  text: string;
  fetchedAt: string;
  sha256: string;
}

/** One fetched source document as bytes (a PDF), with its final URL, content type, fetch time and SHA-256. */
export interface SourceDocument {
  url: string;
  bytes: Uint8Array;
  contentType: string | null;
  fetchedAt: string;
  sha256: string;
}

/** A source answered with a non-2xx status. */
export class SourceHttpError extends Error {
  constructor(
    readonly status: number,
    url: string,
  ) {
    super(`HTTP ${status} from ${url}`);
  }
}

/** Removes query parameters that carry credentials (CMF `apikey`) from a URL before it is stored or reported. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.searchParams.has('apikey')) parsed.searchParams.set('apikey', '***');
    return parsed.toString();
  } catch {
    return url.replace(/apikey=[^&]*/gi, 'apikey=***');
  }
}

/**
 * GETs payroll source pages (SII, Previred, mindicador, CMF) from the configured hosts only, with the SII monitor's
 * fetch layer (timeouts, retries, size cap, redirects re-checked). Tests replace this provider or point the base URLs
 * at a loopback fixture server.
 */
@Injectable()
export class SourcePageFetcher {
  constructor(private readonly settings: PayrollSourceSettings) {}

  async get(url: string): Promise<SourcePage> {
    const { bytes, contentType, ...page } = await this.getDocument(url);
    return { ...page, text: decodePageBody(bytes, contentType) };
  }

  /** GETs a document as bytes (the Previred PDF). */
  async getDocument(url: string): Promise<SourceDocument> {
    const result = await fetchPage(url, {
      allowedHosts: this.settings.allowedHosts,
      timeoutMs: this.settings.fetchTimeoutMs,
      maxBytes: 5_000_000,
      retries: 1,
      backoffMs: 500,
      userAgent: 'odoo-ai-gateway-payroll-indicators (+https://github.com/odoo-ai-gateway)',
    });
    if (result.status < 200 || result.status > 299 || !result.body) throw new SourceHttpError(result.status, redactUrl(url));
    return {
      url: redactUrl(result.url),
      bytes: result.body,
      contentType: result.contentType,
      fetchedAt: new Date().toISOString(),
      sha256: `sha256:${createHash('sha256').update(result.body).digest('hex')}`,
    };
  }
}
