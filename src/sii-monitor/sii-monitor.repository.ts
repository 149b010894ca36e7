import { Injectable } from '@nestjs/common';

import { PrismaService, prismaNamespace } from 'src/infra/database';
import type { Prisma, SiiItem, SiiPageState, SiiRun } from 'src/generated/prisma/client';

import type { SiiAnalysis } from './analysis/sii-analysis.types';
import type { SiiParsedItem } from './parsing/sii-item';
import { SII_MAX_NOTIFY_ATTEMPTS } from './sii-monitor.constants';

/** Notification lifecycle of an item: claimed rows are `sending` until Slack answers. */
export type NotifyState = 'pending' | 'sending' | 'sent' | 'failed';

/** What a page check leaves behind for the status endpoint. */
export interface PageStateRecord {
  sourceId: string;
  url: string;
  pageHash: string | null;
  status: string;
  httpStatus: number | null;
  error: string | null;
  itemCount: number;
}

function toDate(iso: string | null): Date | null {
  return iso ? new Date(`${iso}T00:00:00Z`) : null;
}

function itemData(item: SiiParsedItem) {
  return {
    kind: item.kind,
    title: item.title,
    number: item.number,
    publishedAt: toDate(item.publishedAt),
    url: item.url,
    pdfUrl: item.pdfUrl,
    contentHash: item.contentHash,
  };
}

/** lastNotifyError of a notice whose send was interrupted after its claim (the process died): it may have been delivered. */
export const INTERRUPTED_NOTICE = 'interrupted after the claim: Slack may already have this notice';

/** Postgres storage of SII items, page states and runs, including the atomic notification claim. */
@Injectable()
export class SiiMonitorRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Stored content hashes of the given keys. */
  async storedHashes(keys: string[]): Promise<Map<string, string>> {
    if (keys.length === 0) return new Map();
    const rows = await this.prisma.siiItem.findMany({ where: { key: { in: keys } }, select: { key: true, contentHash: true } });
    return new Map(rows.map((row) => [row.key, row.contentHash]));
  }

  /** Inserts new items (pending notice), re-opens changed ones for a new notice, and refreshes last-seen of the rest. */
  async saveDiff(sourceId: string, diff: { newItems: SiiParsedItem[]; changedItems: SiiParsedItem[]; unchanged: SiiParsedItem[] }, now: Date): Promise<void> {
    if (diff.newItems.length > 0) {
      await this.prisma.siiItem.createMany({
        data: diff.newItems.map((item) => ({ key: item.key, sourceId, ...itemData(item), firstSeenAt: now, lastSeenAt: now })),
        skipDuplicates: true,
      });
    }
    for (const item of diff.changedItems) {
      await this.prisma.siiItem.update({
        where: { key: item.key },
        data: { ...itemData(item), lastSeenAt: now, changedAt: now, analysis: prismaNamespace().DbNull, priority: null, notifyState: 'pending', notifyAttempts: 0, lastNotifyError: null },
      });
    }
    await this.touch(
      diff.unchanged.map((item) => item.key),
      now,
    );
  }

  /** Marks items as still listed, so retention never prunes (and later re-announces) a norm still on its index. */
  async touch(keys: string[], now: Date): Promise<void> {
    if (keys.length > 0) await this.prisma.siiItem.updateMany({ where: { key: { in: keys } }, data: { lastSeenAt: now } });
  }

  /** Marks every stored item of a source as still listed (its page is byte-identical, not re-parsed); returns how many. */
  async touchSource(sourceId: string, now: Date): Promise<number> {
    const { count } = await this.prisma.siiItem.updateMany({ where: { sourceId }, data: { lastSeenAt: now } });
    return count;
  }

  /** Stores an item's analysis and priority. */
  async saveAnalysis(key: string, analysis: SiiAnalysis & { analyzedBy: string; sourceSummary: string }): Promise<void> {
    await this.prisma.siiItem.update({
      where: { key },
      data: { analysis: analysis as unknown as Prisma.InputJsonValue, priority: analysis.priority },
    });
  }

  /** Items waiting for a notice (pending, or failed with attempts left), highest priority and newest first. */
  async awaitingNotice(limit: number): Promise<SiiItem[]> {
    return this.prisma.siiItem.findMany({
      where: { notifyState: { in: ['pending', 'failed'] }, notifyAttempts: { lt: SII_MAX_NOTIFY_ATTEMPTS } },
      orderBy: [{ priority: { sort: 'desc', nulls: 'last' } }, { publishedAt: { sort: 'desc', nulls: 'last' } }, { id: 'asc' }],
      take: limit,
    });
  }

  /** Atomically takes an item for sending; false when another sender already has it or it was sent. */
  async claimForNotice(key: string): Promise<boolean> {
    const claimed = await this.prisma.$executeRaw`
      UPDATE sii_items SET notify_state = 'sending', notify_attempts = notify_attempts + 1
      WHERE key = ${key} AND notify_state IN ('pending', 'failed') AND notify_attempts < ${SII_MAX_NOTIFY_ATTEMPTS}`;
    return claimed === 1;
  }

  /** Records Slack's 2xx for a claimed item. */
  async markSent(key: string, now: Date): Promise<void> {
    await this.prisma.siiItem.updateMany({ where: { key, notifyState: 'sending' }, data: { notifyState: 'sent', notifiedAt: now, lastNotifyError: null } });
  }

  /** Releases a claimed item for a retry on a later run. */
  async markFailed(key: string, error: string): Promise<void> {
    await this.prisma.siiItem.updateMany({ where: { key, notifyState: 'sending' }, data: { notifyState: 'failed', lastNotifyError: error.slice(0, 500) } });
  }

  /**
   * Returns claims left by a run that died mid-send to `failed`, marked INTERRUPTED_NOTICE; only called while
   * holding the run lock, when no other sender can exist. Slack may have received such a notice before the crash,
   * so its next send says it is a possible repeat (same notice id).
   */
  async releaseInterruptedClaims(): Promise<number> {
    const { count } = await this.prisma.siiItem.updateMany({ where: { notifyState: 'sending' }, data: { notifyState: 'failed', lastNotifyError: INTERRUPTED_NOTICE } });
    return count;
  }

  /** Saves what the last check of a page found. */
  async savePageState(state: PageStateRecord, now: Date): Promise<void> {
    const data = { ...state, checkedAt: now };
    await this.prisma.siiPageState.upsert({ where: { sourceId: state.sourceId }, create: data, update: data });
  }

  /** Last known state of every page. */
  async pageStates(): Promise<SiiPageState[]> {
    return this.prisma.siiPageState.findMany({ orderBy: { sourceId: 'asc' } });
  }

  /** The stored page hash of a source, if any. */
  async pageHash(sourceId: string): Promise<string | null> {
    const row = await this.prisma.siiPageState.findUnique({ where: { sourceId }, select: { pageHash: true, status: true } });
    return row?.status === 'ok' ? row.pageHash : null;
  }

  /** Opens a run record. */
  async startRun(trigger: string, now: Date): Promise<bigint> {
    const run = await this.prisma.siiRun.create({ data: { trigger, status: 'running', startedAt: now } });
    return run.id;
  }

  /** Closes a run record with its outcome. */
  async finishRun(id: bigint, outcome: { status: string; results: unknown; newItems: number; changedItems: number; notified: number; errors: number }, now: Date): Promise<void> {
    await this.prisma.siiRun.update({
      where: { id },
      data: { ...outcome, results: outcome.results as Prisma.InputJsonValue, finishedAt: now },
    });
  }

  /** The most recent run, finished or not. */
  async lastRun(): Promise<SiiRun | null> {
    return this.prisma.siiRun.findFirst({ orderBy: { startedAt: 'desc' } });
  }

  /** Run totals for the status endpoint. */
  async runCounts(): Promise<{ total: number; withErrors: number }> {
    const [total, withErrors] = await Promise.all([this.prisma.siiRun.count({ where: { status: { not: 'running' } } }), this.prisma.siiRun.count({ where: { status: { in: ['partial', 'error'] } } })]);
    return { total, withErrors };
  }

  /** Items first seen since the given time. */
  async countItemsSince(since: Date): Promise<number> {
    return this.prisma.siiItem.count({ where: { firstSeenAt: { gte: since } } });
  }

  /** Items per notification state. */
  async countByNotifyState(): Promise<Record<string, number>> {
    const rows = await this.prisma.siiItem.groupBy({ by: ['notifyState'], _count: { _all: true } });
    return Object.fromEntries(rows.map((row) => [row.notifyState, row._count._all]));
  }

  /** Deletes items no longer listed since `before` and runs started before it. */
  async prune(before: Date): Promise<{ items: number; runs: number }> {
    const items = await this.prisma.siiItem.deleteMany({ where: { lastSeenAt: { lt: before }, notifyState: { not: 'sending' } } });
    const runs = await this.prisma.siiRun.deleteMany({ where: { startedAt: { lt: before }, status: { not: 'running' } } });
    return { items: items.count, runs: runs.count };
  }
}
