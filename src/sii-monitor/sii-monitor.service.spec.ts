import { Logger } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';

import { DatabaseConnection } from 'src/infra/database/database-connection';
import { PrismaService } from 'src/infra/database/prisma.service';
import { MemoryKvStore } from 'src/infra/redis/memory-kv-store';
import { serve, startFixtureServer, type FixtureServer } from 'test/fixtures/sii/fixture-server';
import { fixtureBytes, fixtureText } from 'test/fixtures/sii/load-fixture';
import { createTestDatabase, type TestDatabase } from 'test/fixtures/sii/test-database';

import { SiiAnalyzer } from './analysis/sii-analyzer';
import { toStatusResponse } from './dto/sii-monitor.responses';
import { SiiNoticeSender } from './notify/sii-notice-sender';
import { SiiMonitorCron } from './sii-monitor.cron';
import { SiiMonitorRepository } from './sii-monitor.repository';
import { SiiClock, SiiMonitorService } from './sii-monitor.service';
import { SiiMonitorSettings } from './sii-monitor.settings';
import type { RunResult } from './sii-monitor.types';
import { SiiSourceChecker } from './sii-source-checker';

jest.setTimeout(60_000);

class FixedClock extends SiiClock {
  current = new Date('2026-10-05T12:00:00Z');
  now(): Date {
    return new Date(this.current);
  }
}

type Finished = Exclude<RunResult, { status: 'already_running' }>;
const finished = (result: RunResult): Finished => {
  if (result.status === 'already_running') throw new Error('expected a finished run');
  return result;
};

describe(SiiMonitorService.name, () => {
  let database: TestDatabase;
  let prisma: PrismaService;
  let server: FixtureServer;
  let slackStatus: number;
  let slackPosts: Array<{ text: string; blocks: unknown[] }>;
  let settings: SiiMonitorSettings;
  let sut: SiiMonitorService;
  let sender: SiiNoticeSender;
  let repository: SiiMonitorRepository;
  let clock: FixedClock;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    database = await createTestDatabase();
    prisma = new PrismaService(new DatabaseConnection(database.url, 'embedded', 1, { applied: [], alreadyApplied: [] }));
    server = await startFixtureServer();
  });

  afterAll(async () => {
    await prisma?.$disconnect();
    await server?.close();
    await database?.drop();
  });

  beforeEach(async () => {
    await prisma.$executeRawUnsafe('TRUNCATE sii_items, sii_page_states, sii_runs');
    server.routes.clear();
    server.requests.length = 0;
    server.routes.set('/noticias/2026/index.html', serve(fixtureText('noticias-2026-index.html')));
    server.routes.set('/circulares/2026/indcir2026.htm', serve(fixtureText('circulares-2026-index.html')));
    server.routes.set('/resoluciones/2026/res_ind2026.htm', serve(fixtureBytes('resoluciones-2026-index.latin1.htm'), 'text/html'));
    server.routes.set('/fe/normativa.htm', serve(fixtureText('fe-normativa.html')));
    slackStatus = 200;
    slackPosts = [];
    server.routes.set('/slack/webhook', (_req, res, body) => {
      if (slackStatus === 200) slackPosts.push(JSON.parse(body));
      res.writeHead(slackStatus, { 'content-type': 'text/plain' }).end(slackStatus === 200 ? 'ok' : 'server_error');
    });
    settings = Object.assign(new SiiMonitorSettings(), {
      enabled: true,
      cron: '0 */6 * * *',
      sources: [
        { id: 'noticias', kind: 'news', url: `${server.origin}/noticias/{YYYY}/index.html`, enabled: true },
        { id: 'circulares', kind: 'circulares', url: `${server.origin}/circulares/{YYYY}/indcir{YYYY}.htm`, enabled: true },
        { id: 'resoluciones', kind: 'resoluciones', url: `${server.origin}/resoluciones/{YYYY}/res_ind{YYYY}.htm`, enabled: true },
        { id: 'fe-normativa', kind: 'page', url: `${server.origin}/fe/normativa.htm`, enabled: true },
      ],
      allowedHosts: [server.host],
      fetchTimeoutMs: 2_000,
      maxPageBytes: 1_000_000,
      fetchRetries: 1,
      fetchBackoffMs: 1,
      retentionDays: 180,
      slackWebhookUrl: `${server.origin}/slack/webhook`,
      slackTechLeadId: 'U0TECHLEAD',
      slackTimeoutMs: 2_000,
      userAgent: 'odoo-ai-gateway-sii-monitor/test (+spec)',
    });
    repository = new SiiMonitorRepository(prisma);
    clock = new FixedClock();
    const analyzer = new SiiAnalyzer();
    sender = new SiiNoticeSender(repository, analyzer, settings);
    sut = new SiiMonitorService(new MemoryKvStore(), repository, new SiiSourceChecker(repository, settings), analyzer, sender, settings, clock);
  });

  const postedTitles = () => slackPosts.map((post) => JSON.stringify(post.blocks).match(/"text":"SII: ([^"]+)"/)?.[1]);
  const ALL_TITLES = 10; // 3 news + 3 circulares + 3 resoluciones + 1 generic page

  describe('runOnce', () => {
    it('records every item on the first run and notifies each exactly once', async () => {
      const result = finished(await sut.runOnce({ trigger: 'manual' }));
      expect(result.status).toBe('success');
      expect(result.counts).toEqual({ sources: 4, sourceErrors: 0, newItems: ALL_TITLES, changedItems: 0, notified: ALL_TITLES, notifyFailed: 0 });
      expect(result.sources.map((source) => [source.sourceId, source.status, source.itemCount])).toEqual([
        ['noticias', 'ok', 3],
        ['circulares', 'ok', 3],
        ['resoluciones', 'ok', 3],
        ['fe-normativa', 'ok', 1],
      ]);
      expect(new Set(postedTitles()).size).toBe(ALL_TITLES);
      expect(postedTitles()).toContain('Resolución Exenta SII N° 128 del 16 de Septiembre del 2026');
      const items = await prisma.siiItem.findMany({ orderBy: { key: 'asc' } });
      expect(items.map((item) => item.key)).toContain('resolucion-2026-128');
      expect(items.every((item) => item.notifyState === 'sent' && item.notifyAttempts === 1)).toBe(true);
      expect(server.requests.find((request) => request.path.startsWith('/noticias'))?.headers['user-agent']).toBe('odoo-ai-gateway-sii-monitor/test (+spec)');
      const run = await prisma.siiRun.findFirstOrThrow();
      expect(run).toMatchObject({ trigger: 'manual', status: 'success', newItems: ALL_TITLES, notified: ALL_TITLES, errors: 0 });
    });

    it('notifies nothing on an unchanged second run', async () => {
      await sut.runOnce({ trigger: 'cron' });
      const second = finished(await sut.runOnce({ trigger: 'cron' }));
      expect(second.counts).toMatchObject({ newItems: 0, changedItems: 0, notified: 0 });
      expect(second.sources.every((source) => source.status === 'unchanged_page')).toBe(true);
      expect(slackPosts).toHaveLength(ALL_TITLES);
    });

    it('keeps the items of a byte-identical page listed: counted and their last-seen time renewed', async () => {
      await sut.runOnce({ trigger: 'cron' });
      clock.current = new Date('2026-10-05T18:00:00Z');
      const second = finished(await sut.runOnce({ trigger: 'cron' }));
      expect(second.sources.map((source) => [source.sourceId, source.status, source.itemCount])).toEqual([
        ['noticias', 'unchanged_page', 3],
        ['circulares', 'unchanged_page', 3],
        ['resoluciones', 'unchanged_page', 3],
        ['fe-normativa', 'unchanged_page', 1],
      ]);
      const items = await prisma.siiItem.findMany();
      expect(items.map((item) => item.lastSeenAt.toISOString())).toEqual(items.map(() => '2026-10-05T18:00:00.000Z'));
    });

    it('notifies an added circular exactly once, and nothing for a reordered page with a new banner', async () => {
      await sut.runOnce({ trigger: 'cron' });
      server.routes.set('/circulares/2026/indcir2026.htm', serve(fixtureText('circulares-2026-index-reordered.html')));
      server.routes.set('/fe/normativa.htm', serve(fixtureText('fe-normativa-reordered.html')));
      const reordered = finished(await sut.runOnce({ trigger: 'cron' }));
      expect(reordered.counts).toMatchObject({ newItems: 0, changedItems: 0, notified: 0 });

      server.routes.set('/circulares/2026/indcir2026.htm', serve(fixtureText('circulares-2026-index-added.html')));
      const added = finished(await sut.runOnce({ trigger: 'cron' }));
      expect(added.counts).toMatchObject({ newItems: 1, notified: 1 });
      finished(await sut.runOnce({ trigger: 'cron', force: true }));
      expect(postedTitles().filter((title) => title === 'Circular N° 36 del 10 de Septiembre del 2026')).toHaveLength(1);
      expect(slackPosts).toHaveLength(ALL_TITLES + 1);
    });

    it('reports a 404 source and still processes the others', async () => {
      server.routes.delete('/resoluciones/2026/res_ind2026.htm');
      const result = finished(await sut.runOnce({ trigger: 'manual' }));
      expect(result.status).toBe('partial');
      expect(result.sources.find((source) => source.sourceId === 'resoluciones')).toMatchObject({
        status: 'not_found',
        httpStatus: 404,
        error: expect.stringMatching(/404/),
      });
      expect(result.counts).toMatchObject({ sourceErrors: 1, newItems: 7, notified: 7 });
      const status = toStatusResponse(await sut.status());
      expect(status.sources.find((source) => source.source_id === 'resoluciones')).toMatchObject({ status: 'not_found', http_status: 404 });
      expect(status).toMatchObject({ total_checks: 1, error_rate: 1, news_count_last_24h: 7, orchestrator_initialized: true });
    });

    it('warns when a 200 page yields no items', async () => {
      server.routes.set('/circulares/2026/indcir2026.htm', serve(fixtureText('layout-changed.html')));
      const result = finished(await sut.runOnce({ trigger: 'manual' }));
      expect(result.status).toBe('partial');
      expect(result.sources.find((source) => source.sourceId === 'circulares')).toMatchObject({
        status: 'empty_parse',
        warnings: [expect.stringMatching(/layout may have changed/)],
      });
    });

    it('makes one run of two triggered together', async () => {
      const results = await Promise.all([sut.runOnce({ trigger: 'manual' }), sut.runOnce({ trigger: 'cron' })]);
      expect(results.map((result) => result.status).sort()).toEqual(['already_running', 'success']);
      expect(await prisma.siiRun.count()).toBe(1);
      expect(slackPosts).toHaveLength(ALL_TITLES);
      expect(await sut.isRunning()).toBe(false);
    });

    it('mentions the tech lead on priority 4+ notices only', async () => {
      await sut.runOnce({ trigger: 'manual' });
      const byTitle = (title: string) => slackPosts.find((post) => JSON.stringify(post.blocks).includes(title));
      expect(byTitle('Resolución Exenta SII N° 128')?.text).toMatch(/^<@U0TECHLEAD> /);
      expect(byTitle('Director del SII participa en seminario')?.text).not.toContain('<@');
      const stored = await prisma.siiItem.findUniqueOrThrow({ where: { key: 'resolucion-2026-128' } });
      expect(stored.priority).toBeGreaterThanOrEqual(4);
    });

    it('delivers a notice once after Slack fails and then recovers', async () => {
      slackStatus = 500;
      const failing = finished(await sut.runOnce({ trigger: 'cron' }));
      expect(failing.counts).toMatchObject({ notified: 0, notifyFailed: ALL_TITLES });
      expect(failing.status).toBe('partial');
      expect(await prisma.siiItem.count({ where: { notifyState: 'failed' } })).toBe(ALL_TITLES);

      slackStatus = 200;
      const recovered = finished(await sut.runOnce({ trigger: 'cron' }));
      expect(recovered.counts).toMatchObject({ newItems: 0, notified: ALL_TITLES });
      await sut.runOnce({ trigger: 'cron' });
      expect(slackPosts).toHaveLength(ALL_TITLES);
      expect(new Set(postedTitles()).size).toBe(ALL_TITLES);
    });
  });

  describe('retention', () => {
    it('prunes items no longer listed and runs older than the retention period, keeping listed items', async () => {
      await sut.runOnce({ trigger: 'cron' });
      server.routes.delete('/noticias/2026/index.html');
      clock.current = new Date('2026-12-20T12:00:00Z');
      await sut.runOnce({ trigger: 'cron', force: true });
      clock.current = new Date('2027-04-05T12:00:00Z'); // 180 days after 2026-10-07
      const cron = new SiiMonitorCron(new SchedulerRegistry(), sut, repository, settings, clock);
      expect(await cron.prune()).toEqual({ items: 3, runs: 1 });
      const keys = (await prisma.siiItem.findMany({ select: { key: true } })).map((item) => item.key);
      expect(keys).toHaveLength(ALL_TITLES - 3);
      expect(keys.some((key) => key.startsWith('noticia-'))).toBe(false);
      expect(await prisma.siiRun.count()).toBe(1);
    });
  });

  describe('notice claims', () => {
    it('never lets two concurrent senders (two replicas) post the same item', async () => {
      slackStatus = 500;
      await sut.runOnce({ trigger: 'cron' });
      slackStatus = 200;
      const now = () => new Date('2026-10-05T13:00:00Z');
      const [a, b] = await Promise.all([sender.sendOwed(now), sender.sendOwed(now)]);
      expect(a.sent + b.sent).toBe(ALL_TITLES);
      expect(slackPosts).toHaveLength(ALL_TITLES);
      expect(new Set(postedTitles()).size).toBe(ALL_TITLES);
    });
  });
});
