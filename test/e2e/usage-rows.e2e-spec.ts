import { randomBytes } from 'node:crypto';
import type { Client } from 'pg';
import { startEmulator, type Emulator } from 'test/emulator/emulator';
import { UsageWriterService } from 'src/gateway/usage/usage-writer.service';
import { usageRow } from 'test/fixtures/usage/usage-row';
import { ask, chat, database, eventually, GatewayApp, startGatewayApp, uniquePrefix } from './gateway-harness';
import { bearer } from './setup';

/** Cost rows as a caller and an operator see them: one per paid call, none lost to a graceful shutdown. */
describe('Usage rows (real Postgres, vendor emulator)', () => {
  let emulator: Emulator;
  let app: GatewayApp;
  let db: Client;
  const tag = randomBytes(4).toString('hex');
  const rowsWith = async (correlation: string) => (await db.query<{ request_id: string }>('SELECT request_id FROM usage_records WHERE correlation_id LIKE $1', [correlation])).rows;

  beforeAll(async () => {
    emulator = await startEmulator({ latencyMs: 1000 });
    app = await startGatewayApp(emulator, { THROTTLE_CHAT_PER_MIN: '10000', THROTTLE_LLM_PROXY_PER_MIN: '10000', COST_FLUSH_INTERVAL_MS: '50' });
    db = await database();
  }, 60_000);
  afterAll(async () => {
    await app?.close().catch(() => undefined);
    await emulator?.close();
    await db?.end();
  }, 30_000);

  it('gives each paid call its own row even when the caller repeats an X-Request-Id, and keeps that id for correlation', async () => {
    const correlation = `same-${tag}`;
    for (let i = 0; i < 5; i++) {
      const res = await chat(app, { model: 'gpt-4o-mini', messages: ask(`llamada ${i}`) }).set('X-Request-Id', correlation);
      expect(res.status).toBe(200);
    }
    const rows = await eventually(async () => {
      const found = await rowsWith(correlation);
      return found.length >= 5 && found;
    });
    expect(rows).toHaveLength(5);
    expect(new Set(rows.map((r) => r.request_id)).size).toBe(5);
    expect(rows.map((r) => r.request_id)).not.toContain(correlation);
  });

  it('writes the rows of requests still in flight when the shutdown starts (SIGTERM while 100 chats wait on the vendor)', async () => {
    const prefix = uniquePrefix();
    const before = emulator.stats().requests.length;
    const sent = Array.from({ length: 100 }, (_, i) =>
      app.http
        .post('/api/chat')
        .set(bearer())
        .set('X-Request-Id', `${prefix}shutdown-${i}`)
        .send({ message: `¿Cuándo vence el CAF número ${i}?`, session_id: `chat_2_${tag}${i}` })
        .then(
          (res) => res.status,
          () => 0,
        ),
    );
    // In one process the app accepts connections slowly under load: close once every chat has reached the vendor.
    await eventually(() => emulator.stats().requests.length - before >= 100, 20_000);
    await app.close(); // what main.ts does on SIGTERM
    const statuses = await Promise.all(sent);
    const answered = statuses.filter((s) => s === 200).length;
    expect([answered, statuses.filter((s) => s !== 200)]).toEqual([100, []]);
    expect((await rowsWith(`${prefix}shutdown-%`)).length).toBe(answered);
  });
});

describe('Usage-row buffer full while a batch is being written', () => {
  it('loses none of the rows that arrived during the write (the oldest, already in the batch, make room)', async () => {
    const app = await startGatewayApp(null, { USAGE_BUFFER_MAX_ROWS: '100', COST_FLUSH_INTERVAL_MS: '600000' });
    const db = await database();
    try {
      const writer = app.app.get(UsageWriterService);
      const prefix = uniquePrefix();
      const row = (i: number) => usageRow(`${prefix}${i}`);
      for (let i = 0; i < 100; i++) writer.enqueue(row(i));
      const writing = writer.flush();
      // The batch of 100 is on its way; 50 more arrive, and the buffer (100 rows) drops the 50 oldest, which the batch holds.
      for (let i = 100; i < 150; i++) writer.enqueue(row(i));
      await writing;
      await writer.flush();
      const written = await db.query<{ row_id: string }>('SELECT row_id FROM usage_records WHERE row_id LIKE $1 ORDER BY row_id', [`${prefix}%`]);
      expect(written.rows.map((r) => r.row_id).sort()).toEqual(Array.from({ length: 150 }, (_, i) => `${prefix}${i}`).sort());
      expect(writer.pending()).toBe(0);
    } finally {
      await db.end();
      await app.close();
    }
  });
});
