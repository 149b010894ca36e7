import { randomBytes } from 'node:crypto';
import { loadKnowledgeDocuments } from 'src/chat/knowledge/knowledge-loader';
import { KnowledgeService } from 'src/chat/knowledge/knowledge.service';
import { StoreClock } from 'src/infra/redis';
import { startEmulator, type Emulator } from 'test/emulator/emulator';
import { rawStream, waitFor } from './chat-harness';
import { ADMIN_KEY, API_KEY, bearer, OTHER_KEY, startTestApp } from './setup';

jest.setTimeout(30_000);

type App = Awaited<ReturnType<typeof startTestApp>>;

const TITLES = new Map(loadKnowledgeDocuments().map((doc) => [doc.id, doc.title]));
const title = (id: string) => TITLES.get(id)!;
const prefix = () => `chat-e2e-${randomBytes(4).toString('hex')}:`;
const wizardId = () => `chat_2_${randomBytes(4).toString('hex')}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Chat assistant (real Postgres, Redis and the vendor emulator)', () => {
  let emulator: Emulator;
  let app: App;
  let offline: App;

  const send = (message: string, extra: Record<string, unknown> = {}, key = API_KEY, target = app) =>
    target.http
      .post('/api/chat/message')
      .set(bearer(key))
      .send({ message, ...extra });
  const newSession = async (target = app, key = API_KEY): Promise<string> =>
    (
      await target.http
        .post('/api/chat/session/new')
        .set(bearer(key))
        .send({ user_context: { user_name: 'Javiera' } })
    ).body.session_id;

  beforeAll(async () => {
    emulator = await startEmulator({ chunkDelayMs: 0 });
    // Two replicas on one database at once: both seed the knowledge base concurrently.
    [app, offline] = await Promise.all([
      startTestApp({
        ANTHROPIC_API_KEY: 'test-key',
        ANTHROPIC_BASE_URL: emulator.url,
        DEFAULT_MODEL: 'claude-sonnet-5-5',
        REDIS_KEY_PREFIX: prefix(),
        RESPONSE_CACHE_TTL_SECONDS: '0',
        THROTTLE_CHAT_PER_MIN: '1000',
        CHAT_MAX_MESSAGE_LENGTH: '2000',
        CHAT_ANSWER_DEADLINE_MS: '1500',
      }),
      startTestApp({ REDIS_KEY_PREFIX: prefix(), THROTTLE_CHAT_PER_MIN: '8' }),
    ]);
  }, 60_000);

  afterAll(async () => {
    // UsageWriterService flushes in onApplicationShutdown, after Prisma's onModuleDestroy has disconnected: a row still
    // buffered at close reopens a pool connection that is never closed (the runner then never exits). Let it flush first.
    await sleep(300);
    await app?.close();
    await offline?.close();
    await emulator?.close();
  }, 30_000);

  beforeEach(() => emulator.reset());

  describe('sessions', () => {
    it('grows the history with each exchange and keeps only the last 10 messages', async () => {
      const id = await newSession();
      const first = await send('Pregunta número 1 sobre el cierre contable', { session_id: id });
      expect(first.status).toBe(200);
      expect(first.body.message).toMatch(/^Respuesta simulada de claude-sonnet-5-5: Pregunta número 1 sobre el cierre contable$/);
      expect((await app.http.get(`/api/chat/session/${id}`).set(bearer())).body.message_count).toBe(2);
      for (let n = 2; n <= 7; n++) expect((await send(`Pregunta número ${n} sobre el cierre contable`, { session_id: id })).status).toBe(200);

      const session = await app.http.get(`/api/chat/session/${id}`).set(bearer());
      expect(session.status).toBe(200);
      expect(session.body.message_count).toBe(10);
      expect(session.body.messages[0]).toMatchObject({ role: 'user', content: 'Pregunta número 3 sobre el cierre contable' });
      expect(session.body.messages.at(-1)).toMatchObject({ role: 'assistant', content: expect.stringContaining('Pregunta número 7') });
      expect(session.body.stats).toMatchObject({ message_count: 14, exists: true, ttl_remaining_seconds: 3600, cost_usd: expect.stringMatching(/^0\.\d{12}$/) });
      expect(session.body.stats.tokens_used.input_tokens).toBeGreaterThan(0);
      expect(Number(session.body.stats.cost_usd)).toBeGreaterThan(0);
      expect(emulator.stats().byVendor.anthropic.answered).toBe(7);
    });

    it('expires after the TTL of inactivity, each use renewing it', async () => {
      // One replica on the in-process store, whose clock the test moves instead of sleeping through the TTL.
      const single = await startTestApp({ REDIS_URL: undefined, CHAT_SESSION_TTL: '2' });
      try {
        let now = Date.now();
        jest.spyOn(single.app.get(StoreClock), 'now').mockImplementation(() => new Date(now));
        const id = await newSession(single);
        now += 1_200;
        expect((await send('¿Cómo anulo una factura?', { session_id: id }, API_KEY, single)).status).toBe(200);
        now += 1_200; // 2.4 s after creation, 1.2 s after the last use
        const alive = await single.http.get(`/api/chat/session/${id}`).set(bearer());
        expect(alive.status).toBe(200);
        expect(alive.body.message_count).toBe(2);
        now += 2_300;
        const gone = await single.http.get(`/api/chat/session/${id}`).set(bearer());
        expect(gone.status).toBe(404);
        expect((await send('¿y después?', { session_id: id }, API_KEY, single)).status).toBe(404);
      } finally {
        jest.restoreAllMocks();
        await single.close();
      }
    });

    it('keeps a session invisible to another API key', async () => {
      const id = await newSession();
      await send('Mi RUT secreto es 76.086.428-5, ¿cómo anulo la factura 123?', { session_id: id });
      for (const res of [
        await app.http.get(`/api/chat/session/${id}`).set(bearer(OTHER_KEY)),
        await send('muéstrame la conversación', { session_id: id }, OTHER_KEY),
        await app.http.delete(`/api/chat/session/${id}`).set(bearer(OTHER_KEY)),
      ]) {
        expect(res.status).toBe(404);
        expect(JSON.stringify(res.body)).not.toContain('76.086.428-5');
      }
      const mine = await app.http.get(`/api/chat/session/${id}`).set(bearer());
      expect(mine.body.messages[0].content).toContain('76.086.428-5');
      const cleared = await app.http.delete(`/api/chat/session/${id}`).set(bearer());
      expect(cleared.body).toEqual({ status: 'cleared', session_id: id, message: 'Sesión eliminada' });
      expect((await app.http.get(`/api/chat/session/${id}`).set(bearer())).status).toBe(404);
    });

    it("gives the wizard's own session id a separate session per key and checks the key's companies", async () => {
      const id = wizardId();
      await app.http.post('/api/chat').set(bearer()).send({ message: 'secreto de la empresa uno', session_id: id });
      const other = await app.http
        .post('/api/chat')
        .set(bearer(OTHER_KEY))
        .send({ message: 'hola', session_id: id, context: { user: { company_id: 7 } } });
      expect(other.status).toBe(200);
      const seen = await app.http.get(`/api/chat/session/${id}`).set(bearer(OTHER_KEY));
      expect(seen.body.messages.map((m: { content: string }) => m.content).join(' ')).not.toContain('secreto');
      expect((await app.http.get(`/api/chat/session/${id}`).set(bearer())).body.message_count).toBe(2);
      const foreign = await app.http
        .post('/api/chat')
        .set(bearer(OTHER_KEY))
        .send({ message: 'hola', session_id: wizardId(), context: { user: { company_id: 3 } } });
      expect(foreign.status).toBe(403);
    });
  });

  describe('POST /api/chat (Odoo wizard)', () => {
    it('answers JSON with message when the wizard asks for a stream, creating its session on the fly', async () => {
      const id = wizardId();
      const body = {
        message: '¿Qué hago ahora con este registro?',
        session_id: id,
        stream: true,
        context: { user: { id: 2, name: 'Javiera', company_id: 1, company_name: 'Maipo' }, odoo: { active_model: 'hr.payslip', active_id: false }, module: 'hr_payroll', session_id: id },
      };
      const res = await app.http.post('/api/chat').set(bearer()).send(body);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.body).toMatchObject({ message: expect.stringContaining('Respuesta simulada'), session_id: id, plugin_used: 'payroll', llm_used: 'anthropic', offline: false });
      expect(res.body.tokens_used).toEqual({ input_tokens: expect.any(Number), output_tokens: expect.any(Number), total_tokens: expect.any(Number) });
      await app.http
        .post('/api/chat')
        .set(bearer())
        .send({ ...body, message: '¿y el tope imponible?' });
      expect((await app.http.get(`/api/chat/session/${id}`).set(bearer())).body.message_count).toBe(4);
    });
  });

  describe('POST /api/chat when the vendor hangs', () => {
    it("answers from the knowledge base at CHAT_ANSWER_DEADLINE_MS, long before the wizard's 30 s (not at the 60 s request deadline)", async () => {
      emulator.script({ vendor: 'anthropic', count: 5, hang: true });
      const started = performance.now();
      const res = await app.http.post('/api/chat').set(bearer()).send({ message: '¿Cómo anulo una factura electrónica?', session_id: wizardId() });
      const tookMs = performance.now() - started;
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ message: expect.stringContaining('Respuesta sin IA'), offline: true });
      expect(res.body.sources.length).toBeGreaterThan(0);
      expect(tookMs).toBeGreaterThanOrEqual(1400);
      expect(tookMs).toBeLessThan(15_000);
      expect(emulator.stats().byVendor.anthropic.received).toBeGreaterThanOrEqual(1);
    }, 30_000);
  });

  describe('plugins and knowledge', () => {
    it.each([
      ['¿Cómo anulo una factura ya aceptada por el SII?', 'dte', 'dte-anular-factura'],
      ['¿Cómo calculo la gratificación legal de un trabajador?', 'payroll', 'payroll-gratificacion-legal'],
      ['¿Cómo hago un ajuste de inventario en la bodega?', 'stock', 'stock-ajustes-inventario'],
      ['¿Cómo concilio la cartola bancaria del mes?', 'account', 'account-conciliacion-bancaria'],
    ])('routes "%s" to the %s plugin with its passages', async (question, plugin, docId) => {
      const res = await send(question);
      expect(res.status).toBe(200);
      expect(res.body.plugin_used).toBe(plugin);
      expect(res.body.sources[0]).toBe(title(docId));
      expect(res.body.sources.length).toBeLessThanOrEqual(3);
    });

    it('finds documents written without accents or in another word form', async () => {
      for (const [query, id] of [
        ['anulacion de facturas', 'dte-anular-factura'],
        ['liquidaciones', 'payroll-conceptos-liquidacion'],
        ['conciliacion bancaria', 'account-conciliacion-bancaria'],
      ]) {
        const res = await app.http.get('/api/chat/knowledge/search').query({ query }).set(bearer());
        expect(res.status).toBe(200);
        expect(res.body.results[0]).toMatchObject({ id, title: title(id), tags: expect.any(Array), content: expect.any(String) });
        expect(res.body.results.length).toBeLessThanOrEqual(3);
        expect(res.body.results_found).toBe(res.body.results.length);
      }
      const filtered = await app.http.get('/api/chat/knowledge/search').query({ query: 'nota de credito', module: 'stock', top_k: 5 }).set(bearer());
      expect(filtered.body.results.every((r: { module: string }) => r.module === 'stock')).toBe(true);
    });

    it('lets the admin key add, replace and delete a document without a release', async () => {
      const doc = { module: 'dte', title: 'Factura de exportación', tags: ['exportación'], content: 'La factura de exportación zorbolítica se emite con el tipo 110.' };
      const search = () => app.http.get('/api/chat/knowledge/search').query({ query: 'zorbolitica' }).set(bearer());
      expect((await app.http.put('/api/chat/knowledge/dte-exportacion-e2e').set(bearer()).send(doc)).status).toBe(403);
      expect((await app.http.put('/api/chat/knowledge/dte-exportacion-e2e').set(bearer(ADMIN_KEY)).send(doc)).body).toEqual({ status: 'created', id: 'dte-exportacion-e2e' });
      expect((await search()).body.results.map((r: { id: string }) => r.id)).toEqual(['dte-exportacion-e2e']);
      const replaced = await app.http
        .put('/api/chat/knowledge/dte-exportacion-e2e')
        .set(bearer(ADMIN_KEY))
        .send({ ...doc, title: 'Exportación (DTE 110)' });
      expect(replaced.body.status).toBe('replaced');
      expect((await search()).body.results[0].title).toBe('Exportación (DTE 110)');
      expect(
        (
          await app.http
            .put('/api/chat/knowledge/dte-x')
            .set(bearer(ADMIN_KEY))
            .send({ ...doc, module: 'crm' })
        ).status,
      ).toBe(400);
      expect((await app.http.delete('/api/chat/knowledge/dte-exportacion-e2e').set(bearer(ADMIN_KEY))).status).toBe(200);
      expect((await search()).body.results).toEqual([]);
      expect((await app.http.delete('/api/chat/knowledge/dte-exportacion-e2e').set(bearer(ADMIN_KEY))).status).toBe(404);
    });

    it('keeps a bundled document the admin deleted out of the knowledge base after a restart, until it is PUT again', async () => {
      const bundled = loadKnowledgeDocuments()[0];
      const found = async () =>
        (await app.http.get('/api/chat/knowledge/search').query({ query: bundled.title, module: bundled.module, top_k: 10 }).set(bearer())).body.results.map((r: { id: string }) => r.id);
      const reseed = () => app.app.get(KnowledgeService).onModuleInit();
      expect(await found()).toContain(bundled.id);
      expect((await app.http.delete(`/api/chat/knowledge/${bundled.id}`).set(bearer(ADMIN_KEY))).status).toBe(200);
      await reseed();
      expect(await found()).not.toContain(bundled.id);

      const { module, title: docTitle, tags, content } = bundled;
      expect((await app.http.put(`/api/chat/knowledge/${bundled.id}`).set(bearer(ADMIN_KEY)).send({ module, title: docTitle, tags, content })).body.status).toBe('created');
      await reseed();
      expect(await found()).toContain(bundled.id);
    });

    it('answers 400 naming the field for NUL and other control characters in knowledge text, ids and search queries', async () => {
      const doc = { module: 'dte', title: 'Exportación', tags: ['exportación', '\u0000', 'aduana'], content: 'Texto.' };
      const put = await app.http.put('/api/chat/knowledge/dte-nul-e2e').set(bearer(ADMIN_KEY)).send(doc);
      expect(put.status).toBe(400);
      expect(put.body.message).toMatch(/tags/);
      expect(
        (
          await app.http
            .put('/api/chat/knowledge/dte-nul-e2e')
            .set(bearer(ADMIN_KEY))
            .send({ ...doc, tags: [], content: 'a\u0000b' })
        ).body.message,
      ).toMatch(/content/);
      const removed = await app.http.delete('/api/chat/knowledge/%00').set(bearer(ADMIN_KEY));
      expect(removed.status).toBe(400);
      expect(removed.body.message).toMatch(/document id/);
      const search = await app.http.get('/api/chat/knowledge/search?query=%00').set(bearer());
      expect(search.status).toBe(400);
      expect(search.body.message).toMatch(/query/);
    });

    it('reports the plugin registry and the knowledge base in /health', async () => {
      const res = await app.http.get('/health');
      expect(res.body.dependencies.plugin_registry).toEqual({ status: 'up', plugins: ['dte', 'payroll', 'stock', 'account'] });
      expect(res.body.dependencies.knowledge_base).toEqual({ status: 'up', documents_count: expect.any(Number) });
      expect(res.body.dependencies.knowledge_base.documents_count).toBeGreaterThanOrEqual(TITLES.size);
    });
  });

  describe('message checks', () => {
    it('refuses a too long or blank message with a clear 400, also on the stream route before any event', async () => {
      const long = await send('a'.repeat(2001));
      expect(long.status).toBe(400);
      expect(long.body.message).toBe('El mensaje tiene 2001 caracteres; el máximo permitido es 2000.');
      const blank = await send('<p> </p><script>alert(1)</script>');
      expect(blank.status).toBe(400);
      expect(blank.body.message).toContain('vacío');
      const streamed = await rawStream(app, { message: '<b></b>' });
      expect(streamed.status).toBe(400);
      expect(streamed.headers['content-type']).toMatch(/^application\/json/);
      expect((await rawStream(app, { message: 'hola' }, { key: 'not-a-real-key-at-all-123' })).status).toBe(403);
      expect(emulator.stats().received).toBe(0);
    });
  });

  describe('POST /api/chat/message/stream', () => {
    it('sends each delta as its own frame while the upstream is still answering, then done', async () => {
      const reply = 'Para anular emita una nota de crédito con código de referencia uno y envíela al SII hoy';
      emulator.script({ vendor: 'anthropic', count: 1, reply, chunkDelayMs: 120 });
      const id = await newSession();
      const res = await rawStream(app, { session_id: id, message: '¿Cómo anulo una factura?' });
      expect(res.status).toBe(200);
      expect(res.headers).toMatchObject({ 'content-type': expect.stringMatching(/^text\/event-stream/), 'cache-control': 'no-cache', 'x-accel-buffering': 'no' });
      expect(res.raw.endsWith('\n\n')).toBe(true);
      expect(
        res.raw
          .split('\n\n')
          .slice(0, -1)
          .every((frame) => /^data: \{.*\}$/.test(frame)),
      ).toBe(true);
      const texts = res.frames.filter((f) => f.event.type === 'text');
      const done = res.frames.at(-1)!;
      expect(texts.length).toBeGreaterThanOrEqual(8);
      expect(texts.map((f) => f.event.content).join('')).toBe(reply);
      expect(done.at - texts[0].at).toBeGreaterThan(600); // 8 chunk gaps of 120 ms were still to come
      expect(done.event).toEqual({
        type: 'done',
        metadata: {
          sources: expect.arrayContaining([title('dte-anular-factura')]),
          confidence: expect.any(Number),
          llm_used: 'anthropic',
          plugin: 'dte',
          provider: 'anthropic',
          model: 'claude-sonnet-5-5',
          tokens_used: {
            input_tokens: expect.any(Number),
            output_tokens: expect.any(Number),
            total_tokens: expect.any(Number),
            cache_read_tokens: expect.any(Number),
            cache_creation_tokens: expect.any(Number),
          },
          cost_usd: expect.stringMatching(/^\d+\.\d{12}$/),
          session_id: id,
        },
      });
      expect((await app.http.get(`/api/chat/session/${id}`).set(bearer())).body.messages.at(-1).content).toBe(reply);
    });

    it('cancels the upstream request when the client disconnects, and saves nothing', async () => {
      emulator.script({ vendor: 'anthropic', count: 1, reply: 'palabra '.repeat(40).trim(), chunkDelayMs: 300 });
      const id = await newSession();
      const res = await rawStream(app, { session_id: id, message: '¿Cómo anulo una factura?' }, { stopAfterFrames: 1 });
      expect(res.frames[0].event.type).toBe('text');
      await waitFor(() => emulator.stats().requests[0]?.outcome === 'aborted');
      await sleep(100);
      expect((await app.http.get(`/api/chat/session/${id}`).set(bearer())).body.message_count).toBe(0);
    });

    it('ends with an error event, never done, when the upstream breaks mid-stream', async () => {
      emulator.script({ vendor: 'anthropic', count: 1, reply: 'uno dos tres cuatro cinco seis siete ocho', chunkDelayMs: 20, cutStreamAfterChunks: 2 });
      const res = await rawStream(app, { message: '¿Cómo anulo una factura?' });
      expect(res.status).toBe(200);
      const types = res.frames.map((f) => f.event.type);
      expect(types.slice(0, 2)).toEqual(['text', 'text']);
      expect(types.at(-1)).toBe('error');
      expect(types).not.toContain('done');
      expect(res.frames.at(-1)!.event.content).toEqual(expect.any(String));
    });
  });

  describe('without any LLM vendor', () => {
    it('applies the chat rate limit (THROTTLE_CHAT_PER_MIN) per API key', async () => {
      const search = () => offline.http.get('/api/chat/knowledge/search').query({ query: 'folios' }).set(bearer(OTHER_KEY));
      for (let n = 1; n <= 8; n++) expect((await search()).status).toBe(200);
      expect((await search()).status).toBe(429);
    });

    it('answers from the knowledge passages, labelled as such and citing them', async () => {
      const res = await send('¿Cómo anulo una factura?', {}, API_KEY, offline);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ llm_used: 'offline', offline: true, tokens_used: null, plugin_used: 'dte' });
      expect(res.body.message.startsWith('Respuesta sin IA (modo sin conexión)')).toBe(true);
      expect(res.body.sources[0]).toBe(title('dte-anular-factura'));
      expect(res.body.message).toContain(`### ${title('dte-anular-factura')}`);
      expect(res.body.message).toContain(`Fuentes: ${res.body.sources.join('; ')}.`);
    });

    it('streams the offline answer too and ends with done', async () => {
      const res = await rawStream(offline, { message: '¿Cómo calculo la gratificación legal?' });
      const done = res.frames.at(-1)!.event;
      expect(done).toMatchObject({ type: 'done', metadata: { llm_used: 'offline', plugin: 'payroll', tokens_used: null } });
      const text = res.frames
        .filter((f) => f.event.type === 'text')
        .map((f) => f.event.content)
        .join('');
      expect(text).toContain(`Fuentes: ${done.metadata.sources.join('; ')}.`);
    });
  });
});
