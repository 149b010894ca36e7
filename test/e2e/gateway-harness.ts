import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { ModelCatalog } from 'src/gateway/catalog/model-catalog';
import { SharedCircuitBreakers } from 'src/gateway/resilience/circuit-breaker';
import { ProviderRateLimiter } from 'src/gateway/resilience/provider-rate-limiter';
import { QuotaMonitor } from 'src/gateway/usage/quota-monitor';
import { Emulator, EmulatorOptions, startEmulator } from 'test/emulator/emulator';
import { API_KEY, bearer, startTestApp } from './setup';

type RunningApp = Awaited<ReturnType<typeof startTestApp>>;

/** The gateway's live collaborators a test inspects or drives directly (breakers, limits, catalog, quota alerts). */
export function gatewayInternals(app: RunningApp['app']) {
  return { breakers: app.get(SharedCircuitBreakers), limiter: app.get(ProviderRateLimiter), catalog: app.get(ModelCatalog), quotas: app.get(QuotaMonitor) };
}

export type GatewayInternals = ReturnType<typeof gatewayInternals>;
export type GatewayApp = RunningApp & { url: string; deps: GatewayInternals };

/** A Redis namespace of its own, so breakers and limits left by other runs never leak in. */
export const uniquePrefix = () => `gw-e2e-${randomUUID().slice(0, 8)}:`;

/** Boots the app with OpenAI, Anthropic and Gemini pointed at the emulator, short retry delays and no response cache. */
export async function startGatewayApp(emulator: Emulator | null, env: Record<string, string | undefined> = {}): Promise<GatewayApp> {
  const vendors = emulator
    ? {
        OPENAI_API_KEY: 'emu-openai',
        OPENAI_BASE_URL: `${emulator.url}/v1`,
        ANTHROPIC_API_KEY: 'emu-anthropic',
        ANTHROPIC_BASE_URL: emulator.url,
        GEMINI_API_KEY: 'emu-gemini',
        GEMINI_BASE_URL: emulator.url,
      }
    : {};
  const running = await startTestApp({
    REDIS_KEY_PREFIX: uniquePrefix(),
    LLM_RETRY_BASE_MS: '20',
    LLM_RETRY_MAX_MS: '500',
    RESPONSE_CACHE_TTL_SECONDS: '0',
    SHUTDOWN_TIMEOUT_MS: '2000',
    ...vendors,
    ...env,
  });
  const url = (await running.app.getUrl()).replace('[::1]', '127.0.0.1');
  return { ...running, url, deps: gatewayInternals(running.app) };
}

/** An emulator with the given options and a gateway app pointed at it (the emulator closed again if the app fails to start). */
export async function startEmulatedGateway(options: EmulatorOptions, env: (emulator: Emulator) => Record<string, string | undefined> = () => ({})): Promise<{ emulator: Emulator; app: GatewayApp }> {
  const emulator = await startEmulator(options);
  try {
    return { emulator, app: await startGatewayApp(emulator, env(emulator)) };
  } catch (error) {
    await emulator.close();
    throw error;
  }
}

/** Closes the app, then its emulator; either may be missing when start-up failed. */
export async function stopEmulatedGateway(app: GatewayApp | undefined, emulator: Emulator | undefined): Promise<void> {
  await app?.close();
  await emulator?.close();
}

/** Groq on the emulator with `rpm` requests per window of `minuteMs` (token and daily limits out of the way). */
export function groqOnEmulator(emulator: Emulator, rpm: number, minuteMs: number, tpm = 1_000_000): Record<string, string> {
  return {
    GROQ_API_KEY: 'emu-groq',
    GROQ_BASE_URL: `${emulator.url}/v1`,
    PROVIDER_LIMITS: JSON.stringify({ groq: { rpm, tpm, rpd: 100_000 } }),
    LIMIT_MINUTE_MS: String(minuteMs),
  };
}

/** POST /v1/chat/completions through supertest. */
export function chat(app: GatewayApp, body: Record<string, unknown>, key = API_KEY) {
  return app.http.post('/v1/chat/completions').set(bearer(key)).send(body);
}

/** A streamed chat completion (usage chunk requested, so the last event carries x_gateway) read to the end as raw SSE text. */
export async function chatStream(app: GatewayApp, body: Record<string, unknown>, key = API_KEY): Promise<{ status: number; text: string; headers: Record<string, string> }> {
  const res = await fetch(`${app.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...bearer(key) },
    body: JSON.stringify({ stream_options: { include_usage: true }, ...body, stream: true }),
  });
  return { status: res.status, text: await res.text(), headers: Object.fromEntries(res.headers.entries()) };
}

/** The JSON payloads of an SSE body (the `[DONE]` marker left out). */
export function sseEvents(text: string): Record<string, any>[] {
  return text
    .split('\n\n')
    .map((frame) => frame.replace(/^data: /, '').trim())
    .filter((data) => data && data !== '[DONE]')
    .map((data) => JSON.parse(data));
}

/** A user message unique to the test, so nothing is served from a cache. */
export const ask = (text: string) => [{ role: 'user', content: `${text} ${randomUUID().slice(0, 8)}` }];

/** Polls until `check` returns a value (not undefined/false) or the time runs out. */
export async function eventually<T>(check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 5000, stepMs = 50): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, stepMs));
  }
}

/** Waits until the current fixed window of `windowMs` has at least `needMs` left. */
export async function atWindowStart(windowMs: number, needMs: number): Promise<void> {
  const left = windowMs - (Date.now() % windowMs);
  if (left < needMs) await new Promise((r) => setTimeout(r, left + 20));
}

/** A pg client on this run's database. */
export async function database(): Promise<Client> {
  const client = new Client({ connectionString: process.env.E2E_DATABASE_URL });
  await client.connect();
  return client;
}
