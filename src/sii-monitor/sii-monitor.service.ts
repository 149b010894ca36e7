import { randomUUID } from 'node:crypto';
import { Clock } from 'src/common/time/clock';

import { Injectable, Logger } from '@nestjs/common';

import type { SiiPageState, SiiRun } from 'src/generated/prisma/client';
import { KvStore } from 'src/infra/redis';

import { SiiAnalyzer } from './analysis/sii-analyzer';
import { SiiNoticeSender } from './notify/sii-notice-sender';
import type { SiiParsedItem } from './parsing/sii-item';
import { SII_RUN_LOCK_KEY, SII_RUN_LOCK_TTL_MS } from './sii-monitor.constants';
import { SiiMonitorRepository } from './sii-monitor.repository';
import { SiiMonitorSettings } from './sii-monitor.settings';
import { FAILED_SOURCE_STATUSES, type RunResult, type RunStatus, type RunTrigger, type SourceOutcome } from './sii-monitor.types';
import { SiiSourceChecker } from './sii-source-checker';
import { sourcesForRun } from './sources/sii-source';

const DAY_MS = 86_400_000;

/** Raw material of GET /api/ai/sii/status. */
export interface SiiStatusSnapshot {
  enabled: boolean;
  cron: string;
  running: boolean;
  lastRun: SiiRun | null;
  pages: SiiPageState[];
  runs: { total: number; withErrors: number };
  itemsLast24h: number;
  notices: Record<string, number>;
}

/** The SII monitor's clock; tests replace `now`. */
export class SiiClock extends Clock {}

/** Runs the SII monitor once under a cross-replica lock: check sources, store and analyse items, send owed notices. */
@Injectable()
export class SiiMonitorService {
  private readonly logger = new Logger(SiiMonitorService.name);

  constructor(
    private readonly kv: KvStore,
    private readonly repository: SiiMonitorRepository,
    private readonly checker: SiiSourceChecker,
    private readonly analyzer: SiiAnalyzer,
    private readonly sender: SiiNoticeSender,
    private readonly settings: SiiMonitorSettings,
    private readonly clock: SiiClock,
  ) {}

  /** One full run; answers `already_running` when any replica holds the run lock. */
  async runOnce(options: { trigger: RunTrigger; force?: boolean }): Promise<RunResult> {
    const token = randomUUID();
    if (!(await this.kv.setIfAbsent(SII_RUN_LOCK_KEY, token, SII_RUN_LOCK_TTL_MS))) {
      const running = await this.repository.lastRun().catch(() => null);
      return {
        status: 'already_running',
        trigger: options.trigger,
        runningSince: running?.status === 'running' ? running.startedAt.toISOString() : null,
      };
    }
    const renew = setInterval(() => void this.kv.expire(SII_RUN_LOCK_KEY, SII_RUN_LOCK_TTL_MS).catch(() => undefined), SII_RUN_LOCK_TTL_MS / 3);
    renew.unref();
    try {
      return await this.run(options.trigger, options.force ?? false);
    } finally {
      clearInterval(renew);
      await this.kv.delIfEquals(SII_RUN_LOCK_KEY, token).catch(() => undefined);
    }
  }

  /** True while some replica holds the run lock. */
  async isRunning(): Promise<boolean> {
    return (await this.kv.get(SII_RUN_LOCK_KEY)) !== null;
  }

  /** What the status endpoint reports: the last run, each page's state, counts and notice backlog. */
  async status(): Promise<SiiStatusSnapshot> {
    const since = new Date(this.clock.now().getTime() - DAY_MS);
    const [running, lastRun, pages, runs, itemsLast24h, notices] = await Promise.all([
      this.isRunning(),
      this.repository.lastRun(),
      this.repository.pageStates(),
      this.repository.runCounts(),
      this.repository.countItemsSince(since),
      this.repository.countByNotifyState(),
    ]);
    return { enabled: this.settings.enabled, cron: this.settings.cron, running, lastRun, pages, runs, itemsLast24h, notices };
  }

  private async run(trigger: RunTrigger, force: boolean): Promise<RunResult> {
    const now = () => this.clock.now();
    const startedAt = now();
    await this.repository.releaseInterruptedClaims();
    const runId = await this.repository.startRun(trigger, startedAt);
    const outcomes: SourceOutcome[] = [];
    let notified = { sent: 0, failed: 0 };
    try {
      for (const source of sourcesForRun(this.settings.sources, startedAt)) {
        const { outcome, toAnalyze } = await this.checker.check(source, { force, now });
        outcomes.push(outcome);
        await this.analyzeAll(toAnalyze);
      }
      notified = await this.sender.sendOwed(now);
    } catch (error) {
      this.logger.error(`SII run ${runId} failed: ${(error as Error).message}`);
      outcomes.push({ ...emptyOutcome('run'), status: 'error', error: (error as Error).message });
    }
    const finishedAt = now();
    const sourceErrors = outcomes.filter((o) => FAILED_SOURCE_STATUSES.includes(o.status)).length;
    const warned = outcomes.some((o) => o.status === 'empty_parse') || notified.failed > 0;
    const status: RunStatus = sourceErrors === 0 ? (warned ? 'partial' : 'success') : sourceErrors === outcomes.length ? 'error' : 'partial';
    const counts = {
      sources: outcomes.length,
      sourceErrors,
      newItems: sum(outcomes, 'newItems'),
      changedItems: sum(outcomes, 'changedItems'),
      notified: notified.sent,
      notifyFailed: notified.failed,
    };
    await this.repository.finishRun(
      runId,
      {
        status,
        results: { sources: outcomes, notifyFailed: notified.failed },
        newItems: counts.newItems,
        changedItems: counts.changedItems,
        notified: notified.sent,
        errors: sourceErrors + notified.failed,
      },
      finishedAt,
    );
    return {
      status,
      runId: runId.toString(),
      trigger,
      force,
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      durationMs: finishedAt.getTime() - startedAt.getTime(),
      sources: outcomes,
      counts,
    };
  }

  private async analyzeAll(items: SiiParsedItem[]): Promise<void> {
    for (const item of items) {
      const analysis = await this.analyzer.analyze(item);
      await this.repository.saveAnalysis(item.key, { ...analysis, sourceSummary: item.summary });
    }
  }
}

function sum(outcomes: SourceOutcome[], field: 'newItems' | 'changedItems'): number {
  return outcomes.reduce((total, outcome) => total + outcome[field], 0);
}

function emptyOutcome(sourceId: string): SourceOutcome {
  return { sourceId, kind: 'page', url: '', status: 'ok', httpStatus: null, itemCount: 0, newItems: 0, changedItems: 0, warnings: [], error: null, durationMs: 0 };
}
