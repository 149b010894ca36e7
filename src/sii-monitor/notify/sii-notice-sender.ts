import { Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';

import type { SiiItem } from 'src/generated/prisma/client';

import type { AnalyzedItem } from '../analysis/sii-analyzer';
import { SiiAnalyzer } from '../analysis/sii-analyzer';
import type { SiiAnalysisInput } from '../analysis/sii-analysis.types';
import { SII_MAX_NOTIFICATIONS_PER_RUN } from '../sii-monitor.constants';
import { INTERRUPTED_NOTICE, SiiMonitorRepository } from '../sii-monitor.repository';
import { SiiMonitorSettings } from '../sii-monitor.settings';
import type { SiiSourceKind } from '../sources/sii-source';
import { buildSlackMessage } from './slack-message';
import { postToSlack } from './slack-notifier';

/** Turns a stored row back into the analysis input. */
export function analysisInputOf(item: SiiItem): SiiAnalysisInput {
  return {
    kind: item.kind as SiiSourceKind,
    title: item.title,
    number: item.number,
    publishedAt: item.publishedAt ? item.publishedAt.toISOString().slice(0, 10) : null,
    summary: (item.analysis as { sourceSummary?: string } | null)?.sourceSummary ?? '',
    url: item.url,
    pdfUrl: item.pdfUrl,
  };
}

/** The id every send of this version of the item carries: a repeat after a crash has the same one. */
export function noticeIdOf(item: Pick<SiiItem, 'key' | 'contentHash'>): string {
  return `sii-${createHash('sha256').update(`${item.key}\n${item.contentHash}`).digest('hex').slice(0, 16)}`;
}

/** Sends the Slack notice of every item still owed one, each claimed in Postgres first so it goes out once. */
@Injectable()
export class SiiNoticeSender {
  private readonly logger = new Logger(SiiNoticeSender.name);

  constructor(
    private readonly repository: SiiMonitorRepository,
    private readonly analyzer: SiiAnalyzer,
    private readonly settings: SiiMonitorSettings,
  ) {}

  /** Sends owed notices (at most SII_MAX_NOTIFICATIONS_PER_RUN); failures stay owed for the next run. */
  async sendOwed(now: () => Date, signal?: AbortSignal): Promise<{ sent: number; failed: number }> {
    const webhook = this.settings.slackWebhookUrl;
    if (!webhook) return { sent: 0, failed: 0 };
    let sent = 0;
    let failed = 0;
    for (const item of await this.repository.awaitingNotice(SII_MAX_NOTIFICATIONS_PER_RUN)) {
      if (!(await this.repository.claimForNotice(item.key))) continue;
      const resend = item.lastNotifyError?.startsWith(INTERRUPTED_NOTICE) === true;
      let delivered = false;
      try {
        const analysis = (item.analysis as AnalyzedItem | null) ?? (await this.analyzer.analyze(analysisInputOf(item), signal));
        const message = buildSlackMessage({ title: item.title, url: item.url, pdfUrl: item.pdfUrl, publishedAt: analysisInputOf(item).publishedAt }, analysis, {
          techLeadId: this.settings.slackTechLeadId,
          identity: { noticeId: noticeIdOf(item), resend },
        });
        await postToSlack(webhook, message, { timeoutMs: this.settings.slackTimeoutMs, signal });
        delivered = true;
        await this.repository.markSent(item.key, now());
        sent++;
      } catch (error) {
        // Delivered but not recorded: the claim stays, so the next run resends it marked as a possible repeat.
        if (delivered) {
          sent++;
          this.logger.error(`Slack notice for ${item.key} was delivered but could not be marked sent: ${(error as Error).message.split('\n')[0]}`);
          continue;
        }
        failed++;
        this.logger.warn(`Slack notice for ${item.key} failed: ${(error as Error).message}`);
        // A failed resend may still repeat the interrupted one: keep the mark for the next attempt.
        await this.repository.markFailed(item.key, resend ? `${INTERRUPTED_NOTICE}; then: ${(error as Error).message}` : (error as Error).message);
      }
    }
    return { sent, failed };
  }
}
