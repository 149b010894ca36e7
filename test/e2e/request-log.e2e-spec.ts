import { Writable } from 'node:stream';
import request from 'supertest';
import { createApp, RunningApp } from 'src/app.setup';
import { loadConfig } from 'src/config';
import { API_KEY, bearer } from './setup';

const PROMPT = 'texto-del-prompt-que-no-se-registra-4471';

describe('Request log (one JSON line per request from the Fastify request logger)', () => {
  const lines: Record<string, unknown>[] = [];
  const warnings: string[] = [];
  const onWarning = (warning: Error & { code?: string }) => warnings.push(warning.code ?? warning.name);
  let running: RunningApp;
  let http: ReturnType<typeof request>;

  beforeAll(async () => {
    process.on('warning', onWarning);
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    const config = loadConfig({ DATABASE_URL: process.env.E2E_DATABASE_URL, REDIS_URL: process.env.TEST_REDIS_URL, API_KEY, LOG_LEVEL: 'info', SII_MONITOR_ENABLED: 'false' });
    running = await createApp(config, { logDestination: destination });
    await running.app.listen({ port: 0, host: '127.0.0.1' });
    http = request(running.app.getHttpServer());
  });
  afterAll(async () => {
    process.off('warning', onWarning);
    await running?.close();
  });

  it('writes one line per request with its id, method, path and status, and never the key, the query or the prompt', async () => {
    lines.length = 0;
    const chat = await http
      .post('/v1/chat/completions?api_key=in-the-query')
      .set(bearer())
      .set('X-Request-Id', 'corr-log-1')
      .send({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: PROMPT }] });
    const refused = await http.get('/v1/models').set(bearer('wrong-key-0123456789abcdef'));
    expect(refused.status).toBeGreaterThanOrEqual(400);
    await http.get('/health/live');
    await http.get('/metrics');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const requests = lines.filter((l) => l.msg === 'request completed' || l.msg === 'request errored');
    expect(requests.map((l) => [l.requestId === 'corr-log-1' || l.requestId, l.req, l.res, typeof l.responseTime])).toEqual([
      [true, { method: 'POST', url: '/v1/chat/completions' }, { statusCode: chat.status }, 'number'],
      [expect.any(String), { method: 'GET', url: '/v1/models' }, { statusCode: refused.status }, 'number'],
    ]);
    const everything = JSON.stringify(lines);
    for (const secret of [API_KEY, 'wrong-key-0123456789abcdef', 'in-the-query', PROMPT]) expect(everything).not.toContain(secret);
  });

  it('boots without Fastify warnings (no error handler overridden before init)', () => {
    expect(warnings).not.toContain('FSTWRN004');
  });
});
