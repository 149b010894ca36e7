import { randomBytes } from 'node:crypto';
import { startEmulator, type Emulator } from 'test/emulator/emulator';
import { rawStream } from './chat-harness';
import { API_KEY, bearer, startTestApp } from './setup';

jest.setTimeout(30_000);

type App = Awaited<ReturnType<typeof startTestApp>>;

const QUESTION = 'Revisa la liquidación del trabajador 12.345.678-5 y avísale a juan.soto@empresa.cl si falta la AFP';
const REPLY = 'La liquidación de [RUT-1] no informa AFP; escribe a [EMAIL-1] para completarla.';
const REVEALED = 'La liquidación de 12.345.678-5 no informa AFP; escribe a juan.soto@empresa.cl para completarla.';

describe('PSEUDONYMIZE_PERSONAL_DATA: RUTs and e-mail addresses leave as placeholders and come back in the answer', () => {
  let emulator: Emulator;
  let app: App;

  beforeAll(async () => {
    emulator = await startEmulator({ chunkDelayMs: 0 });
    app = await startTestApp({
      ANTHROPIC_API_KEY: 'test-key',
      ANTHROPIC_BASE_URL: emulator.url,
      DEFAULT_MODEL: 'claude-sonnet-5-5',
      REDIS_KEY_PREFIX: `pii-${randomBytes(4).toString('hex')}:`,
      RESPONSE_CACHE_TTL_SECONDS: '0',
      PSEUDONYMIZE_PERSONAL_DATA: 'true',
    });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await emulator?.close();
  }, 30_000);
  beforeEach(() => emulator.reset());

  const sentToVendor = () => JSON.stringify(emulator.requests('anthropic').map((r) => r.body));

  it('answers a chat message with the values the vendor never saw', async () => {
    emulator.script({ vendor: 'anthropic', count: 1, reply: REPLY });
    const res = await app.http.post('/api/chat/message').set(bearer(API_KEY)).send({ message: QUESTION });
    expect(res.status).toBe(200);
    expect(res.body.message).toBe(REVEALED);
    const sent = sentToVendor();
    expect(sent).not.toContain('12.345.678-5');
    expect(sent).not.toContain('juan.soto@empresa.cl');
    expect(sent).toContain('Revisa la liquidación del trabajador [RUT-1] y avísale a [EMAIL-1]');
    expect(sent).toContain('escribe el marcador exactamente igual');
  });

  it('streams the answer with each placeholder replaced', async () => {
    emulator.script({ vendor: 'anthropic', count: 1, reply: REPLY, chunkDelayMs: 5 });
    const session = (await app.http.post('/api/chat/session/new').set(bearer(API_KEY)).send({})).body.session_id;
    const res = await rawStream(app, { session_id: session, message: QUESTION });
    const texts = res.frames.filter((f) => f.event.type === 'text').map((f) => f.event.content as string);
    expect(texts.join('')).toBe(REVEALED);
    expect(texts.some((text) => text.includes('[RUT') || text.includes('[EMAIL'))).toBe(false);
    expect(sentToVendor()).not.toContain('12.345.678-5');
  });
});
