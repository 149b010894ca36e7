import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeploymentBalancer } from 'src/gateway/routing/deployment-balancer';
import { Emulator, startEmulator } from 'test/emulator/emulator';
import { seededRandom } from 'test/emulator/rule-book';
import { ask, chat, eventually, GatewayApp, startGatewayApp } from './gateway-harness';
import { ADMIN_KEY, API_KEY, bearer } from './setup';

jest.setTimeout(60_000);

/**
 * gpt-4o-mini served by two OpenAI accounts (two emulators standing for two regions), weighted 3:1, with
 * claude-haiku-4-5 as the next model of its chain on a third upstream.
 */
describe('Several deployments of one model (two upstream accounts)', () => {
  let eu: Emulator;
  let us: Emulator;
  let other: Emulator;
  let app: GatewayApp;
  let dir: string;
  let shipped: { models: Record<string, Record<string, unknown>> };

  beforeAll(async () => {
    [eu, us, other] = await Promise.all([startEmulator({}), startEmulator({}), startEmulator({})]);
    shipped = JSON.parse(readFileSync(join(__dirname, '../../src/gateway/catalog/models.json'), 'utf8'));
    shipped.models['gpt-4o-mini'].deployments = [
      { id: 'openai-eu', baseUrl: `${eu.url}/v1`, apiKeyEnv: 'E2E_OPENAI_EU_KEY', region: 'eu', weight: 3, rpm: 10_000 },
      { id: 'openai-us', baseUrl: `${us.url}/v1`, apiKeyEnv: 'E2E_OPENAI_US_KEY', region: 'us', weight: 1 },
    ];
    dir = mkdtempSync(join(tmpdir(), 'gw-deployments-'));
    writeFileSync(join(dir, 'catalog.json'), JSON.stringify(shipped));
    process.env.E2E_OPENAI_EU_KEY = 'eu-account-key';
    process.env.E2E_OPENAI_US_KEY = 'us-account-key';
    app = await startGatewayApp(null, {
      MODEL_CATALOG_PATH: join(dir, 'catalog.json'),
      OPENAI_API_KEY: 'default-account-key',
      OPENAI_BASE_URL: `${other.url}/v1`,
      ANTHROPIC_API_KEY: 'emu-anthropic',
      ANTHROPIC_BASE_URL: other.url,
      LLM_MAX_RETRIES: '2',
      BREAKER_FAILURE_THRESHOLD: '3',
    });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await Promise.all([eu, us, other].map((e) => e?.close()));
    rmSync(dir, { recursive: true, force: true });
  }, 30_000);
  beforeEach(() => [eu, us, other].forEach((e) => e.reset()));

  it('shares requests between the deployments by weight, each with its own account key', async () => {
    // A seeded draw: with Math.random, 60 requests at 3:1 fell outside the bounds below about once in 120 runs.
    app.app.get(DeploymentBalancer).random = seededRandom(20261205);
    for (let i = 0; i < 60; i++) expect((await chat(app, { model: 'gpt-4o-mini', messages: ask(`reparto ${i}`) })).status).toBe(200);
    const served = { eu: eu.stats().byVendor.openai.received, us: us.stats().byVendor.openai.received };
    expect(served.eu + served.us).toBe(60);
    expect(served.us).toBeGreaterThan(3);
    expect(served.eu / served.us).toBeGreaterThan(1.4);
    expect(served.eu / served.us).toBeLessThan(8);
    expect(eu.lastRequest('openai')!.headers.authorization).toMatch(/-key$/);
    expect(other.stats().byVendor.openai.received).toBe(0);
  });

  it("moves one account's rate-limited share to the other deployment, not to another model", async () => {
    eu.script({ vendor: 'openai', status: 429, retryAfter: 30 });
    for (let i = 0; i < 12; i++) {
      const res = await chat(app, { model: 'gpt-4o-mini', messages: ask(`limitado ${i}`) });
      expect(res.status).toBe(200);
      expect(res.body.x_gateway).toMatchObject({ provider: 'openai', model: 'gpt-4o-mini' });
    }
    expect(us.stats().byVendor.openai.received).toBe(12);
    // No retry on the limited account (its 429 moved the request at once), and its breaker kept the rest away.
    expect(eu.stats().byVendor.openai.received).toBeLessThanOrEqual(3);
    expect(other.stats().byVendor.anthropic.received).toBe(0);
  });

  it('reloads the catalog file on an admin call and on change, and refuses a broken file whole, naming its problems', async () => {
    const modelIds = async () => ((await app.http.get('/v1/models').set(bearer(API_KEY))).body.data as { id: string }[]).map((m) => m.id);
    expect(await modelIds()).not.toContain('gpt-4o-mini-eu');
    shipped.models['gpt-4o-mini-eu'] = { ...shipped.models['gpt-4o-mini'], deployments: [{ id: 'openai-eu-2', baseUrl: `${eu.url}/v1`, apiKeyEnv: 'E2E_OPENAI_EU_KEY', weight: 1 }] };
    writeFileSync(join(dir, 'catalog.json'), JSON.stringify(shipped));
    const reloaded = await app.http.post('/api/admin/catalog/reload').set(bearer(ADMIN_KEY));
    expect(reloaded.body).toMatchObject({ reloaded: true });
    expect(await modelIds()).toContain('gpt-4o-mini-eu');
    expect((await chat(app, { model: 'gpt-4o-mini-eu', messages: ask('recargado') })).status).toBe(200);
    expect(eu.stats().byVendor.openai.received).toBe(1);

    const broken = {
      ...shipped,
      models: {
        ...shipped.models,
        'gpt-4o-mini-eu': {
          ...shipped.models['gpt-4o-mini-eu'],
          deployments: [
            { id: 'dup', weight: 0 },
            { id: 'dup', weight: 1 },
          ],
        },
      },
    };
    writeFileSync(join(dir, 'catalog.json'), JSON.stringify(broken));
    const refused = await app.http.post('/api/admin/catalog/reload').set(bearer(ADMIN_KEY));
    expect(refused.body).toMatchObject({ reloaded: false, problems: expect.stringContaining('"dup" is used twice') });
    expect(refused.body.problems).toContain('weight must be above 0');
    expect(await modelIds()).toContain('gpt-4o-mini-eu');

    delete shipped.models['gpt-4o-mini-eu'];
    writeFileSync(join(dir, 'catalog.json'), JSON.stringify(shipped));
    await eventually(async () => !(await modelIds()).includes('gpt-4o-mini-eu'), 10_000);
  });
});
