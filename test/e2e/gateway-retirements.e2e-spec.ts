import OpenAI from 'openai';
import type { Client } from 'pg';
import { ModelCatalog } from 'src/gateway/catalog/model-catalog';
import type { Emulator } from 'test/emulator/emulator';
import { database, eventually, GatewayApp, startEmulatedGateway, stopEmulatedGateway } from './gateway-harness';
import { ADMIN_KEY, API_KEY, bearer, CATALOG_DATE } from './setup';

jest.setTimeout(30_000);

const hello = [{ role: 'user' as const, content: '¿Qué es una boleta de honorarios?' }];
const SHUTDOWN_OF_GPT_4O = Date.parse('2027-01-14T00:00:00Z');

/** pico-dollars per token for a price in USD per million tokens. */
const pico = (usdPerMillion: number) => BigInt(Math.round(usdPerMillion * 1_000_000));

describe('Retired catalog models (vendor emulator)', () => {
  let emulator: Emulator;
  let app: GatewayApp;
  let db: Client;
  let openai: OpenAI;

  beforeAll(async () => {
    ({ emulator, app } = await startEmulatedGateway({}, () => ({ COST_FLUSH_INTERVAL_MS: '50' })));
    db = await database();
    openai = new OpenAI({ apiKey: API_KEY, baseURL: `${app.url}/v1`, maxRetries: 0 });
  }, 30_000);
  afterAll(async () => {
    await db?.end();
    await stopEmulatedGateway(app, emulator);
  });
  beforeEach(() => emulator.reset());
  afterEach(() => jest.spyOn(app.app.get(ModelCatalog), 'now').mockReturnValue(CATALOG_DATE));

  it("answers a retired model with its successor, says so, and bills the successor's prices", async () => {
    const { data, response } = await openai.chat.completions.create({ model: 'claude-sonnet-4', messages: hello }).withResponse();
    expect(data.model).toBe('claude-sonnet-5-5');
    expect(response.headers.get('x-gateway-model')).toBe('claude-sonnet-5-5');
    expect(Object.keys(emulator.stats().byModel)).toEqual(['anthropic:claude-sonnet-5-5']);

    const requestId = response.headers.get('x-gateway-request-id');
    const row = await eventually(async () => (await db.query('SELECT model, input_tokens, output_tokens, cost_usd::text AS cost FROM usage_records WHERE request_id = $1', [requestId])).rows[0], 5000);
    expect(row.model).toBe('claude-sonnet-5-5');
    const cost = BigInt(row.input_tokens) * pico(2) + BigInt(row.output_tokens) * pico(10);
    expect(row.cost).toBe(`0.${cost.toString().padStart(12, '0')}`);
  });

  it('lists only models still served, and tells what answers for a retired one', async () => {
    const listed = (await openai.models.list()).data.map((m) => m.id);
    expect(listed).toEqual(expect.arrayContaining(['claude-sonnet-5-5', 'gpt-6-luna', 'gemini-3.5-flash', 'gpt-4o-mini']));
    expect(listed).not.toContain('claude-sonnet-4');
    expect(listed).not.toContain('gemini-2.0-flash');
    const retired = await app.http.get('/v1/models/claude-sonnet-4').set(bearer());
    expect(retired.body).toMatchObject({ id: 'claude-sonnet-4', retires_on: '2026-06-15', successor: 'claude-sonnet-5-5' });
  });

  it('exports each shutdown for Prometheus', async () => {
    const metrics = (await app.http.get('/metrics')).text;
    expect(metrics).toContain('llm_model_retirement_timestamp_seconds{model="gpt-4o",successor="gpt-6-luna"} 1799884800');
    expect(metrics).toContain('llm_model_retirement_timestamp_seconds{model="deepseek-chat",successor=""} 1784851200');
    expect(metrics).not.toMatch(/llm_model_retirement_timestamp_seconds\{model="claude-sonnet-5-5"/);
  });

  it("moves a model's requests to its successor on the vendor's shutdown day, not before", async () => {
    const catalog = app.app.get(ModelCatalog);
    jest.spyOn(catalog, 'now').mockReturnValue(SHUTDOWN_OF_GPT_4O - 1);
    expect((await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: hello })).model).toBe('gpt-4o-mini');
    jest.spyOn(catalog, 'now').mockReturnValue(SHUTDOWN_OF_GPT_4O);
    expect((await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: hello })).model).toBe('gpt-6-luna');
    expect(Object.keys(emulator.stats().byModel).sort()).toEqual(['openai:gpt-4o-mini', 'openai:gpt-6-luna']);
  });

  it('lets a key allowed the retired model use its successor, and no other model', async () => {
    const created = await app.http
      .post('/api/admin/keys')
      .set(bearer(ADMIN_KEY))
      .send({ name: `retired-${Date.now()}`, allowedModels: ['claude-sonnet-4'] });
    expect(created.status).toBe(201);
    const client = new OpenAI({ apiKey: (created.body as { secret: string }).secret, baseURL: `${app.url}/v1`, maxRetries: 0 });
    expect((await client.chat.completions.create({ model: 'claude-sonnet-4', messages: hello })).model).toBe('claude-sonnet-5-5');
    await expect(client.chat.completions.create({ model: 'claude-sonnet-5-5', messages: hello })).rejects.toMatchObject({ status: 403 });
  });
});
