import request from 'supertest';
import { createApp, RunningApp } from 'src/app.setup';
import { loadConfig } from 'src/config';
import { ModelCatalog } from 'src/gateway/catalog/model-catalog';

/** The day the suites' expectations about the shipped catalog hold: a model's shutdown day must not change them. */
export const CATALOG_DATE = Date.parse('2026-12-06T12:00:00Z');

export const API_KEY = 'e2e-odoo-key-0123456789abcdef';
export const OTHER_KEY = 'e2e-other-key-0123456789abcdef';
export const ADMIN_KEY = 'e2e-admin-key-0123456789abcdef';

/** Boots the real app on the run's Postgres database and Redis; `env` overrides any setting. */
export async function startTestApp(env: Record<string, string | undefined> = {}): Promise<RunningApp & { http: ReturnType<typeof request> }> {
  const config = loadConfig({
    DATABASE_URL: process.env.E2E_DATABASE_URL,
    REDIS_URL: process.env.TEST_REDIS_URL,
    API_KEY,
    API_KEYS: `other:${OTHER_KEY}:7`,
    ADMIN_API_KEY: ADMIN_KEY,
    LOG_LEVEL: 'silent',
    SII_MONITOR_ENABLED: 'false',
    PAYROLL_FETCH_ENABLED: 'false',
    COST_FLUSH_INTERVAL_MS: '50',
    // Suites share one Redis and one client address: their deliberate wrong keys must not lock each other out.
    AUTH_FAILURE_LIMIT: '1000',
    ...env,
  });
  const running = await createApp(config, { logger: false });
  jest.spyOn(running.app.get(ModelCatalog), 'now').mockReturnValue(CATALOG_DATE);
  await running.app.listen({ port: 0, host: '127.0.0.1' });
  return { ...running, http: request(running.app.getHttpServer()) };
}

export const bearer = (key = API_KEY) => ({ Authorization: `Bearer ${key}` });
