import { randomUUID } from 'node:crypto';
import { startEmulator, type Emulator } from 'test/emulator/emulator';
import { serve, startFixtureServer } from 'test/fixtures/sii/fixture-server';
import { createScratchDatabase } from 'test/e2e/scratch-database';
import { ADMIN_KEY, API_KEY, OTHER_KEY, startTestApp } from 'test/e2e/setup';

/** The running app the fuzzer talks to, with everything a response must never reveal. */
export interface FuzzApp {
  app: Awaited<ReturnType<typeof startTestApp>>;
  origin: { host: string; port: number };
  secrets: string[];
  bodyLimitBytes: number;
  bodyTimeoutMs: number;
  close(): Promise<void>;
}

const BODY_LIMIT_BYTES = 65536;
/** Short enough that slow-body cases are cut within the run, long enough that a loaded machine never cuts a normal request. */
const BODY_TIMEOUT_MS = 3_000;
const THROTTLES = ['DEFAULT', 'DTE_VALIDATE', 'MATCH_PO', 'PAYROLL', 'INDICATORS', 'CHAT', 'SII_MONITOR', 'LLM_PROXY'];

/**
 * Boots the real app on a database of its own (admin imports, knowledge edits and SII runs made by the fuzzer never
 * reach other suites' rows), a Redis namespace of its own, every vendor on the emulator with recognisable fake keys,
 * throttles out of the way and the SII monitor reading a local page.
 */
export async function startFuzzApp(): Promise<FuzzApp> {
  const emulator: Emulator = await startEmulator({ chunkDelayMs: 0 });
  // A local SII page that answers at once, so manual monitor runs take milliseconds.
  const sii = await startFixtureServer();
  sii.routes.set('/noticias.html', serve('<html><body><h1>Noticias</h1><ul><li>Sin novedades</li></ul></body></html>'));
  const database = await createScratchDatabase('gw_fuzz');
  const dbUrl = new URL(database.url);
  const tag = randomUUID().replace(/-/g, '');
  const vendorKeys = {
    OPENAI_API_KEY: `sk-fuzz-secret-openai-${tag}`,
    ANTHROPIC_API_KEY: `sk-fuzz-secret-anthropic-${tag}`,
    GEMINI_API_KEY: `sk-fuzz-secret-gemini-${tag}`,
    GROQ_API_KEY: `sk-fuzz-secret-groq-${tag}`,
    DEEPSEEK_API_KEY: `sk-fuzz-secret-deepseek-${tag}`,
  };
  const app = await startTestApp({
    DATABASE_URL: dbUrl.toString(),
    REDIS_KEY_PREFIX: `gw-fuzz-${tag.slice(0, 8)}:`,
    BODY_LIMIT_BYTES: String(BODY_LIMIT_BYTES),
    // As long as the body's: a shorter one answered requests sent whole with 408 when the suite's load on this
    // 2-core machine stalled the app's event loop past it (its timer ran before the waiting headers were read).
    HTTP_HEADERS_TIMEOUT_MS: String(BODY_TIMEOUT_MS),
    HTTP_BODY_TIMEOUT_MS: String(BODY_TIMEOUT_MS),
    ...Object.fromEntries(THROTTLES.map((t) => [`THROTTLE_${t}_PER_MIN`, '1000000'])),
    ...vendorKeys,
    OPENAI_BASE_URL: `${emulator.url}/v1`,
    ANTHROPIC_BASE_URL: emulator.url,
    GEMINI_BASE_URL: emulator.url,
    GROQ_BASE_URL: `${emulator.url}/openai/v1`,
    DEEPSEEK_BASE_URL: emulator.url,
    LLM_RETRY_BASE_MS: '20',
    LLM_RETRY_MAX_MS: '200',
    SII_SOURCES: JSON.stringify([{ id: 'fuzz-news', kind: 'news', url: `${sii.origin}/noticias.html` }]),
    SII_ALLOWED_HOSTS: sii.host,
    SII_FETCH_TIMEOUT_MS: '1000',
    PAYROLL_SII_BASE_URL: `${sii.origin}/sii`,
    PAYROLL_PREVIRED_URL: `${sii.origin}/previred/`,
    PAYROLL_MINDICADOR_BASE_URL: `${sii.origin}/mindicador`,
    PAYROLL_FETCH_TIMEOUT_MS: '1000',
  });
  const address = app.app.getHttpServer().address() as { port: number };
  return {
    app,
    origin: { host: '127.0.0.1', port: address.port },
    secrets: [API_KEY, OTHER_KEY, ADMIN_KEY, ...Object.values(vendorKeys), ...(dbUrl.password ? [dbUrl.password] : [])],
    bodyLimitBytes: BODY_LIMIT_BYTES,
    bodyTimeoutMs: BODY_TIMEOUT_MS,
    async close() {
      await app.close();
      await emulator.close();
      await sii.close();
      await database.drop().catch(() => undefined);
    },
  };
}

/** The Authorization header for each credential mode. */
export function authHeaders(mode: 'key' | 'admin' | 'none' | 'wrong' | 'garbled'): Record<string, string> {
  switch (mode) {
    case 'key':
      return { authorization: `Bearer ${API_KEY}` };
    case 'admin':
      return { authorization: `Bearer ${ADMIN_KEY}` };
    case 'wrong':
      return { authorization: 'Bearer not-a-real-key-0123456789abcdef' };
    case 'garbled':
      return { authorization: `Basic ${Buffer.from(`${API_KEY}:x`).toString('base64')}` };
    case 'none':
      return {};
  }
}
