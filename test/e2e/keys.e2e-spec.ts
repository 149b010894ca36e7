import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Client as UndiciClient } from 'undici';
import { BudgetExhaustedError, CallerPolicy, KeyRateLimitedError, ModelNotAllowedError } from 'src/keys';
import { database, eventually, uniquePrefix } from './gateway-harness';
import { ADMIN_KEY, API_KEY, bearer, startTestApp } from './setup';

jest.setTimeout(60_000);

type App = Awaited<ReturnType<typeof startTestApp>>;
const admin = bearer(ADMIN_KEY);
const suffix = () => randomUUID().slice(0, 8);

describe('Keys and budgets on two instances sharing Postgres and Redis', () => {
  let a: App;
  let b: App;
  const configDir = mkdtempSync(join(tmpdir(), 'keys-config-'));
  const configPath = join(configDir, 'keys.json');
  const configName = `cfg-${suffix()}`;
  const configSecret = `config-secret-${suffix()}-0123456789`;

  beforeAll(async () => {
    writeFileSync(
      configPath,
      JSON.stringify({ keys: [{ name: configName, secretEnv: 'E2E_CONFIG_KEY_SECRET', companies: [41], tags: ['bootstrap'] }], companyBudgets: [{ companyId: 41, limitUsd: '3.5', period: 'week' }] }),
    );
    process.env.E2E_CONFIG_KEY_SECRET = configSecret;
    const env = { REDIS_KEY_PREFIX: uniquePrefix(), KEYS_CONFIG_PATH: configPath, KEYS_REFRESH_MS: '500', LIMIT_MINUTE_MS: '60000', AUTH_FAILURE_LIMIT: '1000' };
    a = await startTestApp(env);
    b = await startTestApp(env);
  }, 60_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  const create = async (app: App, body: Record<string, unknown>) => {
    const res = await app.http.post('/api/admin/keys').set(admin).send(body);
    expect(res.status).toBe(201);
    return res.body as { key: { id: string; name: string; secretHint: string; state: string }; secret: string };
  };
  const status = async (app: App, secret: string) => (await app.http.get('/metrics/costs').set(bearer(secret))).status;

  it('a key created on one instance works on the other within seconds; its secret is shown once and never listed', async () => {
    const created = await create(a, { name: `bi-${suffix()}`, ownerNote: 'Informes BI', companies: [3], tags: ['bi'] });
    expect(created.secret).toMatch(/^oag_[A-Za-z0-9_-]{43}$/);
    expect(created.key).toMatchObject({ state: 'active', secretHint: `…${created.secret.slice(-4)}` });
    expect(await status(a, created.secret)).toBe(200);
    await eventually(async () => (await status(b, created.secret)) === 200, 3000);
    const listed = await b.http.get('/api/admin/keys').set(admin);
    expect(listed.status).toBe(200);
    expect(JSON.stringify(listed.body)).not.toContain(created.secret);
    expect(JSON.stringify(listed.body)).not.toMatch(/secretHash|[0-9a-f]{64}/);
    expect(listed.body.keys.find((k: { name: string }) => k.name === 'default')).toEqual({ name: 'default', companies: [], source: 'env', state: 'active', readOnly: true });
    const row = await database().then(async (db) => {
      try {
        return (await db.query('SELECT secret_hash FROM api_keys WHERE id = $1', [created.key.id])).rows[0];
      } finally {
        await db.end();
      }
    });
    expect(row.secret_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.secret_hash).not.toContain(created.secret);
  });

  it('a disabled key is refused with 401 on both instances, and accepted again once enabled', async () => {
    const { key, secret } = await create(a, { name: `off-${suffix()}` });
    await eventually(async () => (await status(b, secret)) === 200, 3000);
    expect((await b.http.post(`/api/admin/keys/${key.id}/disable`).set(admin)).body).toMatchObject({ state: 'disabled' });
    const refused = await b.http.get('/metrics/costs').set(bearer(secret));
    expect(refused.status).toBe(401);
    expect(refused.body.message).toBe(`API key "${key.name}" is disabled: ask an administrator for a valid key`);
    await eventually(async () => (await status(a, secret)) === 401, 3000);
    await a.http.post(`/api/admin/keys/${key.id}/enable`).set(admin).expect(200);
    await eventually(async () => (await status(b, secret)) === 200, 3000);
  });

  it('a key disabled while its client keeps a connection open is refused on that same connection', async () => {
    const { key, secret } = await create(a, { name: `conn-${suffix()}` });
    const { port } = a.app.getHttpServer().address() as AddressInfo;
    const connection = new UndiciClient(`http://127.0.0.1:${port}`, { pipelining: 1 });
    const statusOnConnection = async () => {
      const answer = await connection.request({ path: '/metrics/costs', method: 'GET', headers: { authorization: `Bearer ${secret}` } });
      await answer.body.dump();
      return answer.statusCode;
    };
    try {
      expect(await statusOnConnection()).toBe(200);
      await a.http.post(`/api/admin/keys/${key.id}/disable`).set(admin).expect(200);
      expect(await statusOnConnection()).toBe(401);
      await a.http.post(`/api/admin/keys/${key.id}/enable`).set(admin).expect(200);
      expect(await statusOnConnection()).toBe(200);
    } finally {
      await connection.close();
    }
  });

  it('rotation stops the old secret everywhere; an expired key and a deleted key are refused', async () => {
    const { key, secret } = await create(a, { name: `rot-${suffix()}`, expiresAt: new Date(Date.now() + 5000).toISOString() });
    const rotated = (await a.http.post(`/api/admin/keys/${key.id}/rotate`).set(admin).expect(200)).body;
    expect(rotated.secret).not.toBe(secret);
    await eventually(async () => (await status(b, secret)) === 403 && (await status(b, rotated.secret)) === 200, 3000);
    await eventually(async () => (await status(b, rotated.secret)) === 401, 10_000, 200);
    const other = await create(b, { name: `del-${suffix()}` });
    await a.http.delete(`/api/admin/keys/${other.key.id}`).set(admin).expect(200);
    await eventually(async () => (await status(b, other.secret)) === 403, 3000);
  });

  it('a rotation with a grace period keeps the old secret working on both instances until it ends, then only the new one', async () => {
    const { key, secret } = await create(a, { name: `grace-${suffix()}` });
    await eventually(async () => (await status(b, secret)) === 200, 3000);
    const rotated = await a.http.post(`/api/admin/keys/${key.id}/rotate`).set(admin).send({ gracePeriodSeconds: 4 });
    expect(rotated.status).toBe(200);
    const until = Date.parse(rotated.body.key.previousSecretValidUntil);
    expect(until - Date.now()).toBeGreaterThan(2500);
    expect(until - Date.now()).toBeLessThanOrEqual(4000);
    await eventually(async () => (await status(b, rotated.body.secret)) === 200, 3000);
    expect([await status(a, secret), await status(b, secret)]).toEqual([200, 200]);
    const listed = ((await b.http.get('/api/admin/keys').set(admin)).body.keys as Record<string, unknown>[]).find((k) => k.name === key.name)!;
    expect(listed).toMatchObject({ previousSecretValidUntil: rotated.body.key.previousSecretValidUntil, secretHint: rotated.body.key.secretHint });
    expect(Object.keys(listed).filter((field) => /hash/i.test(field))).toEqual([]);

    await new Promise((resolve) => setTimeout(resolve, until - Date.now() + 50));
    expect([await status(a, secret), await status(b, secret)]).toEqual([403, 403]);
    expect([await status(a, rotated.body.secret), await status(b, rotated.body.secret)]).toEqual([200, 200]);
    const after = ((await a.http.get('/api/admin/keys').set(admin)).body.keys as Record<string, unknown>[]).find((k) => k.name === key.name)!;
    expect(after.previousSecretValidUntil).toBeNull();

    // Rotating without a grace period ends the old secret at once, even one still in its grace period.
    const graced = (await a.http.post(`/api/admin/keys/${key.id}/rotate`).set(admin).send({ gracePeriodSeconds: 3600 })).body;
    const immediate = (await a.http.post(`/api/admin/keys/${key.id}/rotate`).set(admin).expect(200)).body;
    expect(immediate.key.previousSecretValidUntil).toBeNull();
    await eventually(async () => (await status(b, immediate.secret)) === 200, 3000);
    expect([await status(b, rotated.body.secret), await status(b, graced.secret)]).toEqual([403, 403]);
  });

  it('refuses a bad grace period and the rotation of a key from the config file, saying what to do', async () => {
    const { key } = await create(a, { name: `badgrace-${suffix()}` });
    const bad = await a.http
      .post(`/api/admin/keys/${key.id}/rotate`)
      .set(admin)
      .send({ gracePeriodSeconds: 40 * 24 * 3600 });
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual([{ field: 'gracePeriodSeconds', problems: [expect.stringContaining('30 days')] }]);
    const fromFile = ((await a.http.get('/api/admin/keys').set(admin)).body.keys as { id: string; name: string }[]).find((k) => k.name === configName)!;
    const refused = await a.http.post(`/api/admin/keys/${fromFile.id}/rotate`).set(admin).send({});
    expect(refused.status).toBe(409);
    expect(refused.body.message).toBe(`Key "${configName}" comes from the keys config file: give it a new secretSha256 or secretEnv there`);
    expect(await status(a, configSecret)).toBe(200);
  });

  it('names every bad field, refuses an environment key name and keeps the admin API for the admin key', async () => {
    const res = await a.http
      .post('/api/admin/keys')
      .set(admin)
      .send({ name: 'x y', rpmLimit: -1, budgetUsd: '1.1234567', allowedModels: ['gpt 4'] });
    expect(res.status).toBe(400);
    expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['allowedModels', 'budgetUsd', 'name', 'rpmLimit']);
    expect((await a.http.post('/api/admin/keys').set(admin).send({ name: 'other' })).status).toBe(409);
    expect((await a.http.get('/api/admin/keys').set(bearer(API_KEY))).status).toBe(403);
    for (const id of ['key_00000000000000000000', 'fuzz-doc', '%00']) {
      const res = await a.http.patch(`/api/admin/keys/${id}`).set(admin).send({ rpmLimit: 120 });
      expect([id, res.status, res.body.message]).toEqual([id, 404, `No key with id "${decodeURIComponent(id)}": list the keys with GET /api/admin/keys`]);
    }
  });

  it('refuses a model outside the allow-list and holds the key RPM across both instances', async () => {
    const { key } = await create(a, { name: `lim-${suffix()}`, allowedModels: ['gpt-4o-mini', 'claude-*'], rpmLimit: 3 });
    const [pa, pb] = [a.app.get(CallerPolicy), b.app.get(CallerPolicy)];
    const refusesGpt4o = (policy: CallerPolicy) =>
      Promise.resolve(policy.admit({ keyName: key.name }, { model: 'gpt-4o', estimatedTokens: 1, estimatedCostUsd: '0' })).then(
        () => false,
        (e: unknown) => e instanceof ModelNotAllowedError && e.getStatus() === 403,
      );
    expect(await refusesGpt4o(pa)).toBe(true);
    await eventually(() => refusesGpt4o(pb), 3000);
    const ask = { model: 'claude-haiku-3.5', estimatedTokens: 10, estimatedCostUsd: '0' };
    // The refusal above counted nothing: three calls pass, shared between the instances, the fourth does not.
    for (const policy of [pa, pb, pa]) await policy.admit({ keyName: key.name }, ask);
    await expect(pb.admit({ keyName: key.name }, ask)).rejects.toBeInstanceOf(KeyRateLimitedError);
    await expect(pa.admit({ keyName: key.name }, ask)).rejects.toMatchObject({ status: 429, limit: 'rpm' });
  });

  it('enforces a company budget exactly across both instances and alerts at 80 % and 95 % once', async () => {
    const company = 500 + Math.floor(Math.random() * 1000);
    await a.http.put(`/api/admin/budgets/companies/${company}`).set(admin).send({ limitUsd: '1.00', period: 'day' }).expect(200);
    const [pa, pb] = [a.app.get(CallerPolicy), b.app.get(CallerPolicy)];
    await eventually(
      () =>
        Promise.resolve(pb.admit({ keyName: 'default' }, { model: 'gpt-4o-mini', companyId: company, estimatedTokens: 1, estimatedCostUsd: '5' })).then(
          () => false,
          (e: unknown) => e instanceof BudgetExhaustedError,
        ),
      3000,
    );
    const call = { model: 'gpt-4o-mini', companyId: company, estimatedTokens: 100, estimatedCostUsd: '0.05' };
    const results = await Promise.allSettled(Array.from({ length: 30 }, (_, i) => (i % 2 ? pa : pb).admit({ keyName: 'default' }, call)));
    const admitted = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    expect(admitted).toHaveLength(20);
    const refusal = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')!.reason;
    expect(refusal).toMatchObject({ status: 429, code: 'budget_exhausted', budget: { scope: 'company', target: String(company), limitUsd: '1.000000' } });
    for (const [i, admission] of admitted.entries()) await (i % 2 ? pa : pb).settle(admission, { tokens: 80, costUsd: '0.05' });
    await expect(pa.admit({ keyName: 'default' }, { ...call, estimatedCostUsd: '0' })).rejects.toMatchObject({ budget: { spentUsd: '1.000000000' } });

    const rows = await eventually(async () => {
      const db = await database();
      try {
        const result = await db.query(`SELECT level, spent_usd::text AS spent FROM budget_alerts WHERE scope = 'company' AND target = $1 ORDER BY id`, [String(company)]);
        return result.rows.length >= 2 ? result.rows : undefined;
      } finally {
        await db.end();
      }
    });
    expect(rows).toEqual([
      { level: 'warning', spent: '0.800000000' },
      { level: 'critical', spent: '0.950000000' },
    ]);
    const budgets = (await b.http.get('/api/admin/budgets').set(admin).expect(200)).body;
    expect(budgets.budgets.find((x: { target: string }) => x.target === String(company))).toMatchObject({ scope: 'company', spentUsd: '1.000000000', remainingUsd: '0.000000000', period: 'day' });
    expect(budgets.alerts.filter((x: { target: string }) => x.target === String(company)).map((x: { level: string }) => x.level)).toEqual(['critical', 'warning']);
    const metrics = (await a.http.get('/metrics')).text;
    expect(metrics).toContain(`llm_budget_remaining_usd{scope="company",name="${company}"} 0`);
    // Both apps of this file share one registry: one warning and one critical in all, though both settled.
    expect(metrics).toContain('llm_budget_alerts_total{scope="company",level="warning"} 1');
    expect(metrics).toContain('llm_budget_alerts_total{scope="company",level="critical"} 1');
  });

  it('bootstraps keys and budgets from the config file and reloads it on an admin call, naming every error', async () => {
    expect(await status(a, configSecret)).toBe(200);
    const listed = (await a.http.get('/api/admin/keys').set(admin)).body;
    expect(listed.keys.find((k: { name: string }) => k.name === configName)).toMatchObject({ source: 'config', companies: [41], tags: ['bootstrap'] });
    expect(listed.companyBudgets.find((x: { companyId: number }) => x.companyId === 41)).toMatchObject({ limitUsd: '3.500000', period: 'week', source: 'config' });

    writeFileSync(
      configPath,
      JSON.stringify({
        keys: [
          { name: configName, secretSha256: 'nothex', rpmLimit: 0 },
          { name: 'default', secretEnv: 'E2E_CONFIG_KEY_SECRET' },
        ],
        companyBudgets: [{ companyId: -1, limitUsd: 'a lot' }],
        extra: true,
      }),
    );
    const bad = await b.http.post('/api/admin/keys/config/reload').set(admin);
    expect(bad.status).toBe(400);
    expect(bad.body.context.problems).toEqual([
      'extra: unknown section; use keys, companyBudgets',
      `keys[0] (${configName}).secretSha256: must be the 64 lower-case hex digits of the secret's SHA-256 (or use secretEnv)`,
      `keys[0] (${configName}).rpmLimit: must be a positive integer, or null for no limit`,
      'companyBudgets[0].companyId: must be a positive integer',
      'companyBudgets[0].limitUsd: must be a USD amount above 0 with at most 6 decimals (e.g. "100.00")',
    ]);
    expect(await status(a, configSecret)).toBe(200);

    writeFileSync(configPath, JSON.stringify({ keys: [{ name: configName, secretEnv: 'E2E_CONFIG_KEY_SECRET', disabled: true }] }));
    expect((await b.http.post('/api/admin/keys/config/reload').set(admin).expect(200)).body).toMatchObject({ updated: [configName] });
    await eventually(async () => (await status(a, configSecret)) === 401, 3000);

    // A change of the file is picked up by itself (no admin call), and reaches the other instance too.
    writeFileSync(configPath, JSON.stringify({ keys: [{ name: configName, secretEnv: 'E2E_CONFIG_KEY_SECRET', disabled: false, rpmLimit: 5 }] }));
    await eventually(async () => (await status(b, configSecret)) === 200 && (await status(a, configSecret)) === 200, 8000, 200);
  });
});
