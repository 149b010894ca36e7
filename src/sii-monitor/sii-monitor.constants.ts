/** KvStore key of the cross-replica run lock. */
export const SII_RUN_LOCK_KEY = 'sii-monitor:run-lock';
/** Lock expiry; renewed every third of it while a run is alive, so a crashed replica frees it soon. */
export const SII_RUN_LOCK_TTL_MS = 5 * 60_000;
/** A notice is retried on later runs until it has been attempted this many times. */
export const SII_MAX_NOTIFY_ATTEMPTS = 5;
/** Notices sent per run at most (highest priority first); the rest wait for the next run. */
export const SII_MAX_NOTIFICATIONS_PER_RUN = 25;
/** Extra fetch attempts on 5xx and network errors, and the first backoff delay. */
export const SII_FETCH_RETRIES = 2;
export const SII_FETCH_BACKOFF_MS = 1_000;
/** Time allowed for one Slack webhook call. */
export const SII_SLACK_TIMEOUT_MS = 10_000;
/** Daily retention job (server time). */
export const SII_RETENTION_CRON = '30 3 * * *';
/** Who to contact about the monitor's requests, carried in its User-Agent. */
export const SII_USER_AGENT_CONTACT = 'operator of this odoo-ai-gateway deployment';
/** Identity under which analysis calls are recorded. */
export const SII_CALLER = { apiKeyName: 'system', companyId: null } as const;
