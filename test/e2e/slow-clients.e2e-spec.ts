import { slowClient } from 'test/fuzz/slow-client';
import { API_KEY, startTestApp } from './setup';

/** Short limits so the test runs in seconds; the defaults are 10 s, 30 s and 75 s. */
const HEADERS_MS = 1_000;
const REQUEST_MS = 2_000;
const IDLE_MS = 3_000;

describe('Slow clients are cut while normal ones are served (real app)', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let origin: { host: string; port: number };

  beforeAll(async () => {
    app = await startTestApp({
      HTTP_HEADERS_TIMEOUT_MS: String(HEADERS_MS),
      HTTP_BODY_TIMEOUT_MS: String(REQUEST_MS),
      HTTP_IDLE_TIMEOUT_MS: String(IDLE_MS),
      LLM_REQUEST_DEADLINE_MS: '2500',
      THROTTLE_DEFAULT_PER_MIN: '1000',
    });
    origin = { host: '127.0.0.1', port: (app.app.getHttpServer().address() as { port: number }).port };
  });
  afterAll(() => app?.close());

  /** Normal probes every 200 ms while `during` runs; all must be answered 200. */
  async function servedMeanwhile<T>(during: Promise<T>): Promise<{ outcome: T; statuses: number[] }> {
    const statuses: number[] = [];
    let done = false;
    const probing = (async () => {
      while (!done) {
        statuses.push((await app.http.get('/health/live')).status);
        await new Promise((r) => setTimeout(r, 200));
      }
    })();
    const outcome = await during;
    done = true;
    await probing;
    return { outcome, statuses };
  }

  it('cuts a client trickling its headers with 408 once HTTP_HEADERS_TIMEOUT_MS has passed', async () => {
    const pieces = Array.from({ length: 100 }, (_, i) => `X-Slow-${i}: y\r\n`);
    const { outcome, statuses } = await servedMeanwhile(slowClient(origin, 'GET /health/live HTTP/1.1\r\nHost: gw\r\n', pieces, 100, 8_000));
    expect(outcome.closedAfterMs).toBeDefined();
    expect(outcome.closedAfterMs!).toBeGreaterThanOrEqual(HEADERS_MS);
    expect(outcome.closedAfterMs!).toBeLessThan(HEADERS_MS + 2_000);
    expect(outcome.received).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(outcome.received).toMatch(/"statusCode":408/);
    expect(statuses.length).toBeGreaterThan(2);
    expect(new Set(statuses)).toEqual(new Set([200]));
  });

  it('cuts an authenticated client trickling its body once HTTP_BODY_TIMEOUT_MS has passed', async () => {
    const body = JSON.stringify({ message: 'x'.repeat(200), session_id: 'chat_2_9f1c2b7a' });
    const head = `POST /api/chat HTTP/1.1\r\nHost: gw\r\nAuthorization: Bearer ${API_KEY}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
    const { outcome, statuses } = await servedMeanwhile(slowClient(origin, head, [...body], 100, 10_000));
    expect(outcome.closedAfterMs).toBeDefined();
    expect(outcome.closedAfterMs!).toBeGreaterThanOrEqual(REQUEST_MS);
    expect(outcome.closedAfterMs!).toBeLessThan(REQUEST_MS + 2_000);
    expect(outcome.piecesSent).toBeLessThan(body.length);
    expect(outcome.received).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(new Set(statuses)).toEqual(new Set([200]));
  });

  it('cuts a new connection that sends nothing with the headers timeout, and a kept-alive one left silent after HTTP_IDLE_TIMEOUT_MS', async () => {
    const silent = await slowClient(origin, '', [], 1_000, IDLE_MS + 5_000);
    expect(silent.closedAfterMs).toBeDefined();
    expect(silent.closedAfterMs!).toBeLessThan(HEADERS_MS + 2_000);

    const keptAlive = await slowClient(origin, 'GET /health/live HTTP/1.1\r\nHost: gw\r\n\r\n', [], 1_000, IDLE_MS + 5_000);
    expect(keptAlive.received).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(keptAlive.closedAfterMs).toBeDefined();
    expect(keptAlive.closedAfterMs!).toBeGreaterThanOrEqual(IDLE_MS - 100);
    expect(keptAlive.closedAfterMs!).toBeLessThan(IDLE_MS + 2_000);
  });

  it('serves a client that is slow but within the limits', async () => {
    const body = JSON.stringify({ message: '¿Cómo anulo una factura?', session_id: 'chat_2_9f1c2b7a' });
    const head = `POST /api/chat HTTP/1.1\r\nHost: gw\r\nAuthorization: Bearer ${API_KEY}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n`;
    const third = Math.ceil(body.length / 3);
    const outcome = await slowClient(origin, head, [body.slice(0, third), body.slice(third, 2 * third), body.slice(2 * third)], 300, 8_000);
    expect(outcome.received).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
  });
});
