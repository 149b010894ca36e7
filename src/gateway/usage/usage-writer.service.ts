import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { Pool } from 'pg';
import { Counter, Gauge } from 'prom-client';
import { AppConfig } from 'src/config';
import { DatabaseConnection } from 'src/infra/database';
import { GatewayEvent, onRequestEvent } from '../gateway.events';
import { batchParameter, INSERT_BATCH, usageRowBuffer } from './usage-insert';
import type { UsageRecord } from './usage-record';
import { registeredMetric } from '../../infra/metrics/registered-metric';

const MAX_BATCH = 500;

/**
 * A buffered row's memory: its JSON bytes plus its Buffer view's bookkeeping (counted at 256 bytes; the slabs rows are
 * cut from add at most two slabs, 128 KB, to all the rows waiting, usage-insert.ts). Waiting rows are kept as bytes outside V8's heap:
 * they wait for their batch long enough to outlive a few scavenges (a second at the default flush interval), and as
 * records (a dozen objects and strings each) they were most of what the scavenger copied and promoted under load.
 */
export function usageRowBytes(row: Buffer): number {
  return 256 + row.length;
}

const dropped = registeredMetric(
  'usage_rows_dropped_total',
  () => new Counter({ name: 'usage_rows_dropped_total', help: 'Usage rows dropped because the buffer was full (Postgres unreachable for long)' }),
);
const buffered = registeredMetric('usage_rows_buffered', () => new Gauge({ name: 'usage_rows_buffered', help: 'Usage rows waiting to be written' }));

/**
 * Writes usage rows in batches, off the request path, through one prepared INSERT on a connection of its own
 * (`pg`; Prisma is not involved). While Postgres is down rows stay buffered, at most USAGE_BUFFER_MAX_ROWS and
 * an eighth of the heap limit by estimated size (the oldest are dropped beyond that, counted in
 * usage_rows_dropped_total and logged), and are written when
 * it returns; each row has its own id, so a retried batch never doubles a row.
 *
 * Shutdown: Nest closes the HTTP server (every in-flight request finishes and records its row) between
 * beforeApplicationShutdown and onApplicationShutdown; the last flush runs in the latter, until the buffer
 * is empty or the shutdown deadline (HTTP_SHUTDOWN_TIMEOUT_MS from the signal) has passed.
 */
@Injectable()
export class UsageWriterService implements OnModuleInit, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger(UsageWriterService.name);
  private readonly pool: Pool;
  /**
   * Named, so each connection to a Postgres server prepares it once. Not on the embedded database: PGlite serves every
   * socket connection from one session, where a statement prepared on a connection the pool has since closed (idle
   * for 10 s) still exists, and preparing it again on the next connection fails every batch after.
   */
  private readonly insert: { name?: string; text: string };
  private buffer: Buffer[] = [];
  private bufferedBytes = 0;
  private timer?: NodeJS.Timeout;
  private flushing?: Promise<void>;
  private droppedSinceLog = 0;
  private failing = false;
  private shutdownDeadline?: number;

  constructor(
    connection: DatabaseConnection,
    private readonly config: AppConfig,
    private readonly events: EventEmitter2,
  ) {
    this.pool = new Pool({ connectionString: connection.url, max: 1, connectionTimeoutMillis: 3_000, statement_timeout: 15_000 });
    this.pool.on('error', () => undefined);
    this.insert = connection.mode === 'server' ? { name: 'usage_records_insert_batch', text: INSERT_BATCH } : { text: INSERT_BATCH };
    buffered.reset();
  }

  onModuleInit(): void {
    onRequestEvent(this.events, GatewayEvent.Usage, this.logger, (record: UsageRecord) => this.enqueue(record));
    this.timer = setInterval(() => void this.flush(), this.config.llm.costFlushIntervalMs);
    this.timer.unref();
  }

  /** Buffers a row (GatewayEvent.Usage), dropping the oldest beyond the bounds. */
  enqueue(record: UsageRecord): void {
    const row = usageRowBuffer(record);
    const bytes = usageRowBytes(row);
    const { usageBufferMaxRows, usageBufferMaxBytes } = this.config.llm;
    while (this.buffer.length > 0 && (this.buffer.length >= usageBufferMaxRows || this.bufferedBytes + bytes > usageBufferMaxBytes)) {
      this.bufferedBytes -= usageRowBytes(this.buffer.shift()!);
      this.droppedSinceLog += 1;
      dropped.inc();
    }
    this.buffer.push(row);
    this.bufferedBytes += bytes;
    buffered.set(this.buffer.length);
  }

  /** Rows waiting to be written (admin view, chaos checks). */
  pending(): number {
    return this.buffer.length;
  }

  /** Writes everything buffered; concurrent callers share one flush. */
  flush(): Promise<void> {
    this.flushing ??= this.drain().finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  private async drain(): Promise<void> {
    while (this.buffer.length > 0) {
      const batch = this.buffer.slice(0, MAX_BATCH);
      try {
        await this.pool.query({ name: this.insert.name, text: this.insert.text, values: [batchParameter(batch)] });
        // Rows dropped for room during the write were the batch's own (the oldest): remove only what is left of it.
        const written = new Set(batch);
        let leading = 0;
        while (leading < this.buffer.length && written.has(this.buffer[leading])) leading++;
        for (const row of this.buffer.splice(0, leading)) this.bufferedBytes -= usageRowBytes(row);
        buffered.set(this.buffer.length);
        if (this.failing) this.logger.log(`usage writes recovered; ${this.buffer.length} rows still buffered`);
        this.failing = false;
      } catch (error) {
        if (!this.failing) this.logger.warn(`usage writes failing, ${this.buffer.length} rows buffered: ${(error as Error).message.split('\n')[0]}`);
        this.failing = true;
        return;
      }
    }
    if (this.droppedSinceLog) {
      this.logger.error(
        `usage buffer full (USAGE_BUFFER_MAX_ROWS=${this.config.llm.usageBufferMaxRows}, ${Math.round(this.config.llm.usageBufferMaxBytes / 1_048_576)} MB) while Postgres was unreachable: ${this.droppedSinceLog} rows dropped`,
      );
      this.droppedSinceLog = 0;
    }
  }

  /** The signal: the deadline for the last flush starts now; rows keep being written on the timer meanwhile. */
  beforeApplicationShutdown(): void {
    this.shutdownDeadline = Date.now() + this.config.http.shutdownTimeoutMs;
  }

  /** After the last request: writes what is left (bounded by the deadline), then closes the connection. */
  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    const deadline = this.shutdownDeadline ?? Date.now() + this.config.http.shutdownTimeoutMs;
    while (this.buffer.length > 0 && Date.now() < deadline) {
      await this.flush();
      if (this.buffer.length) await new Promise((resolve) => setTimeout(resolve, Math.min(200, Math.max(0, deadline - Date.now()))));
    }
    if (this.buffer.length) this.logger.error(`shutdown deadline passed with ${this.buffer.length} usage rows unwritten`);
    await this.pool.end().catch(() => undefined);
  }
}
