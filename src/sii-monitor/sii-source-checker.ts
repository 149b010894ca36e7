import { Injectable } from '@nestjs/common';

import { diffItems } from './diff/sii-differ';
import { fetchPage } from './fetch/page-fetcher';
import { isSiiFetchError } from './fetch/sii-fetch.error';
import { decodePageBody } from './parsing/decode-body';
import { parseSourcePage } from './parsing/parse-source-page';
import { sha256, type SiiParsedItem } from './parsing/sii-item';
import { SiiMonitorRepository } from './sii-monitor.repository';
import { SiiMonitorSettings } from './sii-monitor.settings';
import type { SourceOutcome } from './sii-monitor.types';
import type { SiiSource } from './sources/sii-source';

/** A source's outcome plus the items that need analysis and a notice. */
export interface SourceCheck {
  outcome: SourceOutcome;
  toAnalyze: SiiParsedItem[];
}

/** Fetches, parses and diffs one source, saving items and page state; never throws. */
@Injectable()
export class SiiSourceChecker {
  constructor(
    private readonly repository: SiiMonitorRepository,
    private readonly settings: SiiMonitorSettings,
  ) {}

  /** Checks one source; `force` re-parses a page whose bytes have not changed since the last check. */
  async check(source: SiiSource, options: { force: boolean; now: () => Date; signal?: AbortSignal }): Promise<SourceCheck> {
    const started = options.now().getTime();
    const outcome: SourceOutcome = {
      sourceId: source.id,
      kind: source.kind,
      url: source.url,
      status: 'ok',
      httpStatus: null,
      itemCount: 0,
      newItems: 0,
      changedItems: 0,
      warnings: [],
      error: null,
      durationMs: 0,
    };
    let toAnalyze: SiiParsedItem[] = [];
    let pageHash: string | null = null;
    try {
      const page = await fetchPage(source.url, {
        allowedHosts: this.settings.allowedHosts,
        timeoutMs: this.settings.fetchTimeoutMs,
        maxBytes: this.settings.maxPageBytes,
        retries: this.settings.fetchRetries,
        backoffMs: this.settings.fetchBackoffMs,
        userAgent: this.settings.userAgent,
        signal: options.signal,
      });
      outcome.httpStatus = page.status;
      if (page.status === 404) {
        outcome.status = 'not_found';
        outcome.error = 'the page answered 404: the URL may have moved';
      } else if (!page.body) {
        outcome.status = 'http_error';
        outcome.error = `the page answered HTTP ${page.status}`;
      } else {
        pageHash = sha256(Buffer.from(page.body).toString('base64'));
        if (!options.force && pageHash === (await this.repository.pageHash(source.id))) {
          outcome.status = 'unchanged_page';
          outcome.itemCount = await this.repository.touchSource(source.id, options.now());
        } else {
          const items = parseSourcePage(source, decodePageBody(page.body, page.contentType), page.url);
          const diff = diffItems(await this.repository.storedHashes(items.map((item) => item.key)), items);
          await this.repository.saveDiff(source.id, diff, options.now());
          Object.assign(outcome, { itemCount: items.length, newItems: diff.newItems.length, changedItems: diff.changedItems.length, warnings: diff.warnings });
          if (items.length === 0) {
            outcome.status = 'empty_parse';
            pageHash = null;
          }
          toAnalyze = [...diff.newItems, ...diff.changedItems];
        }
      }
    } catch (error) {
      outcome.status = isSiiFetchError(error) ? 'fetch_error' : 'error';
      outcome.error = isSiiFetchError(error) ? `${error.kind}: ${error.message}` : (error as Error).message;
    }
    outcome.durationMs = options.now().getTime() - started;
    await this.repository
      .savePageState(
        {
          sourceId: source.id,
          url: source.url,
          pageHash,
          status: outcome.status === 'unchanged_page' ? 'ok' : outcome.status,
          httpStatus: outcome.httpStatus,
          error: outcome.error ?? (outcome.warnings.join('; ') || null),
          itemCount: outcome.itemCount,
        },
        options.now(),
      )
      .catch(() => undefined);
    return { outcome, toAnalyze };
  }
}
