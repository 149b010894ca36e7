import type { SiiStatusSnapshot } from '../sii-monitor.service';
import type { RunResult, SourceOutcome } from '../sii-monitor.types';

function sourceView(outcome: SourceOutcome) {
  return {
    source_id: outcome.sourceId,
    kind: outcome.kind,
    url: outcome.url,
    status: outcome.status,
    http_status: outcome.httpStatus,
    items: outcome.itemCount,
    new_items: outcome.newItems,
    changed_items: outcome.changedItems,
    warnings: outcome.warnings,
    error: outcome.error,
    duration_ms: outcome.durationMs,
  };
}

/** The POST /api/ai/sii/monitor body: the addon's fields (status, execution_time, urls_scraped) plus the run details. */
export function toMonitorResponse(result: RunResult) {
  if (result.status === 'already_running') {
    return { status: 'already_running', execution_time: null, urls_scraped: 0, running_since: result.runningSince };
  }
  const fetched = result.sources.filter((source) => source.httpStatus !== null && source.httpStatus < 400).length;
  return {
    status: result.status === 'error' ? 'error' : 'success',
    run_status: result.status,
    execution_time: `${(result.durationMs / 1000).toFixed(2)}s`,
    urls_scraped: fetched,
    run_id: result.runId,
    trigger: result.trigger,
    force: result.force,
    started_at: result.startedAt,
    finished_at: result.finishedAt,
    changes_detected: result.counts.newItems + result.counts.changedItems,
    news_created: result.counts.newItems,
    items_changed: result.counts.changedItems,
    notifications_sent: result.counts.notified,
    notifications_failed: result.counts.notifyFailed,
    errors: result.counts.sourceErrors,
    sources: result.sources.map(sourceView),
  };
}

/** The GET /api/ai/sii/status body: the addon's fields plus last run, page states and notice backlog. */
export function toStatusResponse(snapshot: SiiStatusSnapshot) {
  const run = snapshot.lastRun;
  const results = (run?.results as { sources?: SourceOutcome[] } | null) ?? null;
  return {
    status: snapshot.running ? 'running' : snapshot.enabled ? 'idle' : 'disabled',
    orchestrator_initialized: true,
    enabled: snapshot.enabled,
    cron: snapshot.cron,
    last_execution: run?.finishedAt?.toISOString() ?? run?.startedAt.toISOString() ?? null,
    news_count_last_24h: snapshot.itemsLast24h,
    total_checks: snapshot.runs.total,
    error_rate: snapshot.runs.total === 0 ? 0 : Number((snapshot.runs.withErrors / snapshot.runs.total).toFixed(4)),
    last_run: run && {
      run_id: run.id.toString(),
      trigger: run.trigger,
      status: run.status,
      started_at: run.startedAt.toISOString(),
      finished_at: run.finishedAt?.toISOString() ?? null,
      new_items: run.newItems,
      changed_items: run.changedItems,
      notified: run.notified,
      errors: run.errors,
      sources: (results?.sources ?? []).map(sourceView),
    },
    sources: snapshot.pages.map((page) => ({
      source_id: page.sourceId,
      url: page.url,
      status: page.status,
      http_status: page.httpStatus,
      items: page.itemCount,
      error: page.error,
      checked_at: page.checkedAt.toISOString(),
    })),
    notifications: {
      pending: snapshot.notices.pending ?? 0,
      failed: snapshot.notices.failed ?? 0,
      sent: snapshot.notices.sent ?? 0,
    },
  };
}
