import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createApp } from 'src/app.setup';
import { loadConfig } from 'src/config';
import { eventually } from './gateway-harness';

describe('Embedded defaults (PGlite and the in-process store, no settings at all)', () => {
  // The first PGlite start creates its data folder (about 4 s idle, much longer on a loaded 2-core machine).
  it('boots and serves a request that writes to and reads from the database', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gw-embedded-'));
    const running = await createApp(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', COST_FLUSH_INTERVAL_MS: '50', PROXY_OFFLINE_ANSWERS: 'true', PAYROLL_FETCH_ENABLED: 'false' }), {
      logger: false,
    });
    try {
      const http = request(running.app.getHttpServer());
      const key = readFileSync(join(dataDir, 'dev-api-key'), 'utf8').trim();
      const health = await http.get('/health');
      expect(health.body.dependencies).toMatchObject({ database: { status: 'up', mode: 'embedded' }, redis: { status: 'not_configured', mode: 'memory' } });
      const answer = await http
        .post('/v1/chat/completions')
        .set('Authorization', `Bearer ${key}`)
        .send({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: '¿Qué es un DTE?' }] });
      expect(answer.status).toBe(200);
      expect(answer.body.x_gateway.provider).toBe('offline');
      const costs = await http.get('/metrics/costs?period=today').set('Authorization', `Bearer ${key}`);
      expect(costs.body.summary.total_calls).toBe(1);
      expect(costs.body.by_provider.offline.calls).toBe(1);

      // Quiet for longer than pg's pool keeps an idle connection (10 s): the usage writer reconnects for the next row.
      await new Promise((resolve) => setTimeout(resolve, 11_000));
      const later = await http
        .post('/v1/chat/completions')
        .set('Authorization', `Bearer ${key}`)
        .send({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: '¿Y una boleta?' }] });
      expect(later.status).toBe(200);
      const calls = async () => (await http.get('/metrics/costs?period=today').set('Authorization', `Bearer ${key}`)).body.summary.total_calls as number;
      await eventually(async () => (await calls()) >= 2, 3_000, 100);
      expect(await calls()).toBe(2);
    } finally {
      await running.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 180_000);
});
