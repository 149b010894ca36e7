import type { SiiSourceKind } from './sources/sii-source';

/** How the check of one source ended. */
export type SourceStatus = 'ok' | 'unchanged_page' | 'empty_parse' | 'not_found' | 'http_error' | 'fetch_error' | 'error';

/** One source's outcome within a run. */
export interface SourceOutcome {
  sourceId: string;
  kind: SiiSourceKind;
  url: string;
  status: SourceStatus;
  httpStatus: number | null;
  itemCount: number;
  newItems: number;
  changedItems: number;
  warnings: string[];
  error: string | null;
  durationMs: number;
}

/** What starts a run. */
export type RunTrigger = 'cron' | 'manual';

/** Overall run status: `partial` when some sources failed or warned, or some notices failed; `error` when every source failed. */
export type RunStatus = 'success' | 'partial' | 'error';

/** The result of runOnce. */
export type RunResult =
  | {
      status: RunStatus;
      runId: string;
      trigger: RunTrigger;
      force: boolean;
      startedAt: string;
      finishedAt: string;
      durationMs: number;
      sources: SourceOutcome[];
      counts: { sources: number; sourceErrors: number; newItems: number; changedItems: number; notified: number; notifyFailed: number };
    }
  | { status: 'already_running'; trigger: RunTrigger; runningSince: string | null };

/** Sources whose outcome counts as an error of the run. */
export const FAILED_SOURCE_STATUSES: readonly SourceStatus[] = ['not_found', 'http_error', 'fetch_error', 'error'];
