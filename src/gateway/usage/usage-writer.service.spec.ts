import { EventEmitter2 } from '@nestjs/event-emitter';
import { register } from 'prom-client';
import type { AppConfig } from 'src/config';
import { DatabaseConnection } from 'src/infra/database';
import type { UsageRecord } from './usage-record';
import { usageRow } from 'test/fixtures/usage/usage-row';
import { usageRowBuffer } from './usage-insert';
import { usageRowBytes, UsageWriterService } from './usage-writer.service';

const row = (i: number) => usageRow(`row${i}`);

describe(UsageWriterService.name, () => {
  it('keeps at most USAGE_BUFFER_MAX_ROWS while Postgres is unreachable, dropping the oldest and counting them', async () => {
    const unreachable = new DatabaseConnection('postgresql://postgres@127.0.0.1:1/none', 'server', 1, { applied: [], alreadyApplied: [] });
    const config = { llm: { usageBufferMaxRows: 100, usageBufferMaxBytes: 64 * 1_048_576, costFlushIntervalMs: 60_000 }, http: { shutdownTimeoutMs: 50 } } as unknown as AppConfig;
    const writer = new UsageWriterService(unreachable, config, new EventEmitter2());
    const droppedBefore = (await register.getSingleMetric('usage_rows_dropped_total')!.get()).values[0]?.value ?? 0;
    for (let i = 0; i < 150; i++) writer.enqueue(row(i));
    await writer.flush();
    expect(writer.pending()).toBe(100);
    expect((await register.getSingleMetric('usage_rows_dropped_total')!.get()).values[0].value - droppedBefore).toBe(50);
    expect((await register.getSingleMetric('usage_rows_buffered')!.get()).values[0].value).toBe(100);
    await writer.onApplicationShutdown();
  });

  it('also keeps the buffer under its byte bound, whatever the rows carry, dropping the oldest', async () => {
    const unreachable = new DatabaseConnection('postgresql://postgres@127.0.0.1:1/none', 'server', 1, { applied: [], alreadyApplied: [] });
    const config = { llm: { usageBufferMaxRows: 50_000, usageBufferMaxBytes: 1_048_576, costFlushIntervalMs: 60_000 }, http: { shutdownTimeoutMs: 50 } } as unknown as AppConfig;
    const writer = new UsageWriterService(unreachable, config, new EventEmitter2());
    const bulky = (i: number): UsageRecord => ({ ...row(i), model: `m${i}-${'x'.repeat(20_000)}`, tags: ['a'.repeat(100)] });
    expect(usageRowBytes(usageRowBuffer(bulky(0)))).toBeGreaterThan(20_000);
    const droppedBefore = (await register.getSingleMetric('usage_rows_dropped_total')!.get()).values[0]?.value ?? 0;
    for (let i = 0; i < 200; i++) writer.enqueue(bulky(i));
    const kept = writer.pending();
    expect(kept).toBeGreaterThan(0);
    expect(kept * usageRowBytes(usageRowBuffer(bulky(199)))).toBeLessThanOrEqual(1_048_576);
    expect((await register.getSingleMetric('usage_rows_dropped_total')!.get()).values[0].value - droppedBefore).toBe(200 - kept);
    // Small rows take the room of the oldest bulky ones, which are dropped as it is needed.
    for (let i = 0; i < 1_000; i++) writer.enqueue(row(i));
    expect(writer.pending()).toBeGreaterThanOrEqual(1_000);
    expect(writer.pending()).toBeLessThan(1_000 + kept);
    await writer.onApplicationShutdown();
  });
});
