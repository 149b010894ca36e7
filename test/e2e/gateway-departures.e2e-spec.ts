import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import type { Client } from 'pg';
import type { Emulator } from 'test/emulator/emulator';
import { ask, database, eventually, GatewayApp, startEmulatedGateway, stopEmulatedGateway } from './gateway-harness';
import { bearer } from './setup';

jest.setTimeout(30_000);

/** A /v1 client that leaves before its answer is complete: the vendor call must end, and what it cost must still be recorded. */
describe('A /v1 client leaving mid-request (vendor emulator upstream)', () => {
  let emulator: Emulator;
  let app: GatewayApp;
  let db: Client;

  beforeAll(async () => {
    ({ emulator, app } = await startEmulatedGateway({ chunkDelayMs: 1 }, () => ({ COST_FLUSH_INTERVAL_MS: '50', LLM_MAX_RETRIES: '0' })));
    db = await database();
  }, 30_000);
  afterAll(async () => {
    await db?.end();
    await stopEmulatedGateway(app, emulator);
  }, 30_000);
  beforeEach(() => emulator.reset());

  /**
   * Sends a chat request and destroys the socket once `leave` says so: after the first body bytes, or once the vendor
   * has the request (not after a fixed delay, which a loaded machine can outlast before the gateway has called out).
   */
  function leaveEarly(body: Record<string, unknown>, correlationId: string, leave: { whileVendorWorks: true } | { afterFirstBytes: true }, path = '/v1/chat/completions'): Promise<void> {
    return new Promise((resolve) => {
      const url = new URL(`${app.url}${path}`);
      const req = httpRequest({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': correlationId, ...bearer() } });
      req.on('error', () => resolve());
      req.on('close', () => resolve());
      req.on('response', (res) => res.once('data', () => 'afterFirstBytes' in leave && req.destroy()));
      if ('whileVendorWorks' in leave) void eventually(() => emulator.stats().requests.length > 0, 10_000, 10).then(() => req.destroy());
      req.end(JSON.stringify(body));
    });
  }

  const rowsOf = async (correlationId: string) =>
    (
      await db.query<{ status: string; error_kind: string | null; streamed: boolean; output_tokens: number }>(
        'SELECT status, error_kind, streamed, output_tokens FROM usage_records WHERE correlation_id = $1',
        [correlationId],
      )
    ).rows;

  it('ends the vendor call when a JSON client hangs up while waiting, and records the request as aborted', async () => {
    const errors = jest.spyOn(Logger.prototype, 'error');
    const notes = jest.spyOn(Logger.prototype, 'log');
    try {
      emulator.script({ vendor: 'openai', count: 1, latencyMs: 1_000 });
      const correlationId = `leave-json-${randomUUID()}`;
      await leaveEarly({ model: 'gpt-4o-mini', messages: ask('me voy') }, correlationId, { whileVendorWorks: true });
      await eventually(() => emulator.stats().requests[0]?.outcome === 'aborted');
      expect(await eventually(async () => ((await rowsOf(correlationId)).length ? rowsOf(correlationId) : undefined))).toEqual([
        { status: 'error', error_kind: 'aborted', streamed: false, output_tokens: 0 },
      ]);
      // A departure is noted on one info line (status 499), not logged as a server error with a stack.
      await eventually(() => notes.mock.calls.some(([, message]) => message === 'caller left before the answer'));
      expect(errors).not.toHaveBeenCalled();
    } finally {
      errors.mockRestore();
      notes.mockRestore();
    }
  });

  it.each([
    ['OpenAI chat', '/v1/chat/completions', { messages: ask('me voy') }],
    ['Anthropic messages', '/v1/messages', { max_tokens: 200, messages: ask('me voy') }],
    ['OpenAI responses', '/v1/responses', { input: 'me voy' }],
  ])('ends the vendor stream when a streaming client of the %s door hangs up after the first bytes, and records what was streamed', async (_door, path, fields) => {
    emulator.script({ vendor: 'openai', count: 1, chunkDelayMs: 100, reply: 'palabra '.repeat(10).trim() });
    const correlationId = `leave-stream-${randomUUID()}`;
    await leaveEarly({ model: 'gpt-4o-mini', stream: true, ...fields }, correlationId, { afterFirstBytes: true }, path);
    await eventually(() => emulator.stats().requests[0]?.outcome === 'aborted');
    const rows = await eventually(async () => ((await rowsOf(correlationId)).length ? rowsOf(correlationId) : undefined));
    expect(rows).toEqual([expect.objectContaining({ status: 'partial', error_kind: 'aborted', streamed: true })]);
  });
});
