import { readFileSync } from 'node:fs';
import OpenAI from 'openai';
import type { Client } from 'pg';
import type { Emulator, EmulatorUsage } from 'test/emulator/emulator';
import { chat, chatStream, database, eventually, GatewayApp, sseEvents, startEmulatedGateway, stopEmulatedGateway } from './gateway-harness';
import { API_KEY } from './setup';

interface Rates {
  input: string;
  output: string;
  cacheWrite: string;
  cacheRead: string;
}
interface Prices extends Rates {
  longPrompt?: Array<Rates & { overPromptTokens: number }>;
}
const catalog = JSON.parse(readFileSync(`${__dirname}/../../src/gateway/catalog/models.json`, 'utf8')) as { models: Record<string, { vendorModel: string; prices: Prices }> };

/** USD per million tokens → pico-dollars per token (exact: prices have at most 6 decimals). */
const pico = (price: string) => {
  const [whole, fraction = ''] = price.split('.');
  return BigInt(whole + fraction.padEnd(6, '0'));
};
const usd = (p: bigint) => {
  const digits = p.toString().padStart(13, '0');
  return `${digits.slice(0, -12)}.${digits.slice(-12)}`;
};

/** What a row must hold for the usage the emulator reported, billed at the catalog prices (a long prompt's tier for every token). */
function expectedRow(usage: EmulatorUsage, prices: Prices) {
  const fresh = usage.inputTokens - usage.cachedTokens - usage.cacheCreationTokens;
  const output = usage.outputTokens + usage.reasoningTokens;
  const rates = [...(prices.longPrompt ?? [])].reverse().find((tier) => usage.inputTokens > tier.overPromptTokens) ?? prices;
  const cost =
    BigInt(fresh) * pico(rates.input) + BigInt(usage.cachedTokens) * pico(rates.cacheRead) + BigInt(usage.cacheCreationTokens) * pico(rates.cacheWrite) + BigInt(output) * pico(rates.output);
  return { input_tokens: fresh, cache_read_tokens: usage.cachedTokens, cache_write_tokens: usage.cacheCreationTokens, output_tokens: output, cost_usd: usd(cost) };
}

const minus = (a: EmulatorUsage, b: EmulatorUsage): EmulatorUsage => ({
  inputTokens: a.inputTokens - b.inputTokens,
  outputTokens: a.outputTokens - b.outputTokens,
  reasoningTokens: a.reasoningTokens - b.reasoningTokens,
  cachedTokens: a.cachedTokens - b.cachedTokens,
  cacheCreationTokens: a.cacheCreationTokens - b.cacheCreationTokens,
});

const SYSTEM = `Eres un asistente contable chileno. ${'Responde siempre en español, con precisión sobre DTE, IVA y el SII. '.repeat(8)}`;

jest.setTimeout(30_000);

describe('Gateway costs in Postgres equal vendor usage × catalog prices (vendor emulator)', () => {
  let emulator: Emulator;
  let app: GatewayApp;
  let db: Client;

  beforeAll(async () => {
    // Anthropic's shipped 100K TPM would send a 100K-token prompt to a fallback once the minute has other traffic.
    const limits = JSON.stringify({ anthropic: { rpm: 1000, tpm: 10_000_000, rpd: 50_000 } });
    ({ emulator, app } = await startEmulatedGateway({ chunkDelayMs: 1, cacheMinTokens: 20 }, (emu) => ({
      COST_FLUSH_INTERVAL_MS: '50',
      PROVIDER_LIMITS: limits,
      GROQ_API_KEY: 'emu-groq',
      GROQ_BASE_URL: `${emu.url}/v1`,
    })));
    db = await database();
  }, 30_000);
  afterAll(async () => {
    await db?.end();
    await stopEmulatedGateway(app, emulator);
  }, 30_000);

  const row = (requestId: string) =>
    eventually(async () => {
      const result = await db.query(
        `SELECT provider, model, status, streamed, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, cost_usd::text AS cost_usd FROM usage_records WHERE request_id = $1`,
        [requestId],
      );
      return result.rows[0];
    }, 5000);

  it.each([
    ['openai', 'gpt-4o-mini'],
    ['anthropic', 'claude-sonnet-5-5'],
    ['gemini', 'gemini-3.5-flash'],
  ] as const)('stores exact %s costs, plain then streamed with the cached system prompt', async (vendor, model) => {
    emulator.reset();
    const { vendorModel, prices } = catalog.models[model];
    const messages = [
      { role: 'system', content: SYSTEM },
      { role: 'user', content: `¿Qué es una factura exenta? ${vendor}` },
    ];
    const usageSoFar = () => emulator.stats().byModel[`${vendor}:${vendorModel}`].usage;

    const plain = await chat(app, { model, messages });
    expect(plain.status).toBe(200);
    const first = usageSoFar();
    const streamed = await chatStream(app, { model, messages });
    const second = minus(usageSoFar(), first);
    const last = sseEvents(streamed.text).at(-1)!;

    // The second call reads the system prompt from the vendor's cache; Anthropic wrote it on the first.
    expect(second.cachedTokens).toBeGreaterThan(0);
    if (vendor === 'anthropic') expect(first.cacheCreationTokens).toBeGreaterThan(0);

    const plainRow = await row(plain.body.x_gateway.request_id);
    expect(plainRow).toEqual({ provider: vendor, model, status: 'success', streamed: false, ...expectedRow(first, prices) });
    expect(plain.body.x_gateway.cost_usd).toBe(plainRow.cost_usd);
    const streamedRow = await row(streamed.headers['x-gateway-request-id']);
    expect(streamedRow).toEqual({ provider: vendor, model, status: 'success', streamed: true, ...expectedRow(second, prices) });
    expect(last.x_gateway.cost_usd).toBe(streamedRow.cost_usd);
  });

  // Groq speaks the OpenAI wire, so the emulator counts its calls under openai.
  it.each([
    ['anthropic', 'claude-haiku-4-5-20251001', 'claude-haiku-4-5', 'anthropic'],
    ['groq', 'llama-3.3-70b-versatile', 'llama-3.3-70b', 'openai'],
  ] as const)("prices a request that names the model as its vendor does (%s's %s) at the catalog model's rates", async (vendor, vendorName, model, wire) => {
    emulator.reset();
    const answer = await chat(app, { model: vendorName, messages: [{ role: 'user', content: `¿Qué es una nota de crédito? ${vendor}` }] });
    expect(answer.status).toBe(200);
    const usage = emulator.stats().byModel[`${wire}:${vendorName}`].usage;
    const stored = await row(answer.body.x_gateway.request_id);
    expect(stored).toEqual({ provider: vendor, model, status: 'success', streamed: false, ...expectedRow(usage, catalog.models[model].prices) });
    expect(Number(stored.cost_usd)).toBeGreaterThan(0);
  });

  it("charges every token of a prompt past a model's long-prompt threshold at that tier's rates", async () => {
    emulator.reset();
    const model = 'claude-haiku-5-5';
    const { vendorModel, prices } = catalog.models[model];
    const threshold = prices.longPrompt![0].overPromptTokens;
    const usageSoFar = () => emulator.stats().byModel[`anthropic:${vendorModel}`].usage;

    const short = await chat(app, { model, messages: [{ role: 'user', content: 'Resume la ley del IVA' }] });
    expect(short.status).toBe(200);
    const first = usageSoFar();
    // The emulator counts a token per four characters: a prompt just past the threshold.
    const long = await chat(app, { model, messages: [{ role: 'user', content: `Resume este libro de compras: ${'factura '.repeat(threshold / 2 + 500)}` }] });
    expect(long.status).toBe(200);
    expect(long.body.model).toBe(model);
    const second = minus(usageSoFar(), first);
    expect(first.inputTokens).toBeLessThan(threshold);
    expect(second.inputTokens).toBeGreaterThan(threshold);

    expect(await row(short.body.x_gateway.request_id)).toMatchObject({ model, ...expectedRow(first, prices) });
    const longRow = await row(long.body.x_gateway.request_id);
    expect(longRow).toMatchObject({ model, ...expectedRow(second, prices) });
    // claude-haiku-5-5's tier is five times every base rate: the whole request was charged at it.
    const atBaseRates = expectedRow(second, { ...prices, longPrompt: undefined }).cost_usd;
    expect(BigInt(longRow.cost_usd.replace('.', ''))).toBe(5n * BigInt(atBaseRates.replace('.', '')));
  });
});

describe('The official openai client pointed at the gateway', () => {
  let emulator: Emulator;
  let app: GatewayApp;
  let client: OpenAI;

  beforeAll(async () => {
    ({ emulator, app } = await startEmulatedGateway({ chunkDelayMs: 1 }));
    client = new OpenAI({ apiKey: API_KEY, baseURL: `${app.url}/v1`, maxRetries: 0 });
  }, 30_000);
  afterAll(() => stopEmulatedGateway(app, emulator), 30_000);

  const expected = 'Respuesta simulada de gpt-4o-mini: Resume el artículo 23 de la Ley del';

  it('completes a chat', async () => {
    const completion = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Resume el artículo 23 de la Ley del IVA por favor' }] });
    expect(completion.choices[0].message.content).toBe(expected);
    expect(completion.choices[0].finish_reason).toBe('stop');
    expect(completion.usage).toMatchObject({ prompt_tokens: expect.any(Number), completion_tokens: expect.any(Number) });
    expect(completion.usage!.completion_tokens).toBeGreaterThan(0);
  });

  it('streams a chat to the end with usage', async () => {
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: 'user', content: 'Resume el artículo 23 de la Ley del IVA por favor' }],
    });
    let text = '';
    let usage: OpenAI.CompletionUsage | undefined | null;
    const finishes: string[] = [];
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta?.content ?? '';
      if (chunk.choices[0]?.finish_reason) finishes.push(chunk.choices[0].finish_reason);
      usage = chunk.usage ?? usage;
    }
    expect(text).toBe(expected);
    expect(finishes).toEqual(['stop']);
    expect(usage!.completion_tokens).toBeGreaterThan(0);
  });

  it('receives a vendor 400 as the SDK error it knows', async () => {
    emulator.script({ vendor: 'openai', status: 400, errorMessage: 'messages too long', count: 1 });
    await expect(client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hola' }] })).rejects.toMatchObject({
      status: 400,
      error: expect.objectContaining({ type: 'invalid_request_error', message: expect.stringContaining('messages too long') }),
    });
  });
});

describe('Usage rows: identity, correlation, tags and unpriced models (vendor emulator)', () => {
  let emulator: Emulator;
  let app: GatewayApp;
  let db: Client;

  beforeAll(async () => {
    ({ emulator, app } = await startEmulatedGateway({ chunkDelayMs: 1 }, () => ({
      COST_FLUSH_INTERVAL_MS: '50',
      ALLOW_UNPRICED_MODELS: 'true',
      UNPRICED_MODEL_PRICE: '10.00/20.00',
      LLM_MAX_RETRIES: '0',
    })));
    db = await database();
  }, 30_000);
  afterAll(async () => {
    await db?.end();
    await stopEmulatedGateway(app, emulator);
  }, 30_000);

  const rowsFor = (column: string, value: string, count: number) =>
    eventually(async () => {
      const result = await db.query(`SELECT request_id, correlation_id, tags, unpriced, provider, status, cost_usd::text AS cost_usd FROM usage_records WHERE ${column} = $1 ORDER BY id`, [value]);
      return result.rows.length >= count ? result.rows : undefined;
    }, 5000);

  it('keeps one row per call when callers reuse an X-Request-Id, and stores it as the correlation id', async () => {
    const correlation = `odoo-${Date.now()}`;
    for (let i = 0; i < 5; i++) {
      const res = await chat(app, { model: 'gpt-4o-mini', messages: [{ role: 'user', content: `pago ${i}` }] }).set('X-Request-Id', correlation);
      expect(res.status).toBe(200);
    }
    const rows = await rowsFor('correlation_id', correlation, 5);
    expect(rows).toHaveLength(5);
    expect(new Set(rows.map((r: { request_id: string }) => r.request_id)).size).toBe(5);
  });

  it('writes a row for the failed target and one for the target that served the same request', async () => {
    emulator.script({ vendor: 'openai', status: 503, count: 1 });
    const res = await chat(app, { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'con respaldo' }] });
    expect(res.body.x_gateway).toMatchObject({ provider: 'anthropic', used_fallback: true });
    const rows = await rowsFor('request_id', res.body.x_gateway.request_id, 2);
    expect(rows.map((r: { provider: string; status: string }) => [r.provider, r.status])).toEqual([
      ['openai', 'error'],
      ['anthropic', 'success'],
    ]);
  });

  it("stores the caller's tags and reports spend grouped by tag", async () => {
    const tag = `cierre-${Date.now()}`;
    const res = await chat(app, { model: 'gpt-4o-mini', tags: [tag, 'dte'], messages: [{ role: 'user', content: 'etiquetado' }] });
    expect(res.status).toBe(200);
    expect(emulator.lastRequest('openai')!.body).not.toHaveProperty('tags');
    const [row] = await rowsFor('request_id', res.body.x_gateway.request_id, 1);
    expect(row.tags).toEqual([tag, 'dte']);
    const day = new Date().toISOString().slice(0, 10);
    const report = await app.http.get(`/api/costs/report?from=${day}&to=${day}&groupBy=tag&format=json`).set('Authorization', `Bearer ${API_KEY}`);
    expect(report.status).toBe(200);
    expect(JSON.stringify(report.body)).toContain(tag);
  });

  it('prices an allowed unpriced model at the configured default and flags its row', async () => {
    const res = await chat(app, { model: 'openai/gpt-4.1-nano', messages: [{ role: 'user', content: 'sin precio' }] });
    expect(res.status).toBe(200);
    const [row] = await rowsFor('request_id', res.body.x_gateway.request_id, 1);
    expect(row.unpriced).toBe(true);
    expect(Number(row.cost_usd)).toBeGreaterThan(0);
    expect(res.body.x_gateway.cost_usd).toBe(row.cost_usd);
  });
});
