import { PrivateServices, eventually } from './private-services';
import { bearer, startTestApp } from './setup';

const ask = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: '¿Cuándo vence un CAF?' }] };

describe('Dependency outages (private Postgres and Redis, stopped and restarted mid-run)', () => {
  let services: PrivateServices;
  let app: Awaited<ReturnType<typeof startTestApp>>;

  beforeAll(async () => {
    services = (await PrivateServices.onFreePorts()).start();
    app = await startTestApp({ DATABASE_URL: services.databaseUrl, REDIS_URL: services.redisUrl, THROTTLE_LLM_PROXY_PER_MIN: '100000', PROXY_OFFLINE_ANSWERS: 'true' });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    services?.destroy();
  });

  it('keeps answering with Redis gone, reports the degradation, and recovers by itself', async () => {
    expect((await app.http.get('/health/ready')).body.info.redis).toMatchObject({ status: 'up', mode: 'redis', degraded: false });
    services.stopRedis();
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) {
      statuses.push((await app.http.post('/v1/chat/completions').set(bearer()).send(ask)).status);
      statuses.push((await app.http.get('/v1/models').set(bearer())).status);
    }
    expect(new Set(statuses)).toEqual(new Set([200]));
    const degraded = await app.http.get('/health/ready');
    expect(degraded.status).toBe(200);
    expect(degraded.body.info.redis).toMatchObject({ mode: 'degraded', degraded: true });
    expect((await app.http.get('/health')).body).toMatchObject({ status: 'degraded', dependencies: { redis: { status: 'down' } } });

    services.startRedis();
    await eventually(async () => {
      expect((await app.http.get('/health/ready')).body.info.redis).toMatchObject({ mode: 'redis', degraded: false });
    });
  }, 90_000);

  it('goes not-ready without Postgres, keeps /health at 200, buffers cost rows and writes them all on return', async () => {
    const before = (await app.http.get('/metrics/costs?period=all_time').set(bearer())).body.summary.total_calls as number;
    services.stopPostgres();
    await eventually(async () => {
      const ready = await app.http.get('/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body).toMatchObject({ statusCode: 503, context: { status: 'error', details: { database: { status: 'down' } } } });
    });
    expect((await app.http.get('/health')).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await app.http.post('/v1/chat/completions').set(bearer()).send(ask)).status).toBe(200);

    services.startPostgres();
    await eventually(async () => expect((await app.http.get('/health/ready')).status).toBe(200), 30_000);
    await eventually(async () => {
      const after = (await app.http.get('/metrics/costs?period=all_time').set(bearer())).body.summary.total_calls;
      expect(after).toBe(before + 5);
    }, 30_000);
  }, 120_000);

  it('starts a replica while Redis is down: it answers degraded after a bounded wait, then shares state once Redis is back', async () => {
    services.stopRedis();
    const late = await startTestApp({ DATABASE_URL: services.databaseUrl, REDIS_URL: services.redisUrl, THROTTLE_LLM_PROXY_PER_MIN: '100000', PROXY_OFFLINE_ANSWERS: 'true' });
    try {
      const ready = await late.http.get('/health/ready');
      expect(ready.status).toBe(200);
      expect(ready.body.info.redis).toMatchObject({ mode: 'degraded', degraded: true });
      expect((await late.http.post('/v1/chat/completions').set(bearer()).send(ask)).status).toBe(200);
      services.startRedis();
      await eventually(async () => {
        expect((await late.http.get('/health/ready')).body.info.redis).toMatchObject({ mode: 'redis', degraded: false });
      });
    } finally {
      await late.close();
    }
  }, 90_000);
});
