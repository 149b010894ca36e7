import { BeforeApplicationShutdown, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { AppConfig } from 'src/config';
import { PrismaService } from 'src/infra/database';
import { GatewayEvent } from '../gateway.events';
import type { UsageRecord } from './usage-record';

const MAX_BATCH = 500;
const MAX_BUFFER = 200_000;

/**
 * Writes usage rows in batches, off the request path. While Postgres is down rows stay buffered (bounded)
 * and are written when it returns; the request id is unique, so a retried batch never doubles a row.
 */
@Injectable()
export class UsageWriterService implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger(UsageWriterService.name);
  private buffer: UsageRecord[] = [];
  private timer?: NodeJS.Timeout;
  private flushing?: Promise<void>;
  private dropped = 0;
  private failing = false;

  constructor(
    private readonly prisma: PrismaService,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flush(), this.config.llm.costFlushIntervalMs);
    this.timer.unref();
  }

  @OnEvent(GatewayEvent.Usage)
  enqueue(record: UsageRecord): void {
    if (this.buffer.length >= MAX_BUFFER) {
      this.buffer.shift();
      this.dropped += 1;
    }
    this.buffer.push(record);
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
        await this.prisma.$executeRawUnsafe(INSERT_BATCH, ...columns(batch));
        this.buffer.splice(0, batch.length);
        if (this.failing) this.logger.log(`usage writes recovered; ${this.buffer.length} rows still buffered`);
        this.failing = false;
      } catch (error) {
        if (!this.failing) this.logger.warn(`usage writes failing, ${this.buffer.length} rows buffered: ${(error as Error).message.split('\n')[0]}`);
        this.failing = true;
        return;
      }
    }
    if (this.dropped) {
      this.logger.error(`usage buffer overflowed while Postgres was down: ${this.dropped} rows dropped`);
      this.dropped = 0;
    }
  }

  /** Flushes before Prisma disconnects (PrismaService closes in onApplicationShutdown). */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    const deadline = Date.now() + this.config.http.shutdownTimeoutMs;
    while (this.buffer.length > 0 && Date.now() < deadline) {
      await this.flush();
      if (this.buffer.length) await new Promise((r) => setTimeout(r, 200));
    }
  }
}

/**
 * One INSERT for the whole batch, the columns passed as arrays and expanded with unnest: Prisma's createMany
 * compiled a query per batch that cost more CPU than the requests being recorded (seen in a CPU profile).
 * Each row's own unique id makes a retried batch a no-op for rows already written.
 */
const INSERT_BATCH = `INSERT INTO usage_records (row_id, request_id, correlation_id, tags, unpriced, created_at, api_key_name, company_id, operation, route, provider, model,
  input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, reasoning_tokens, cost_usd, latency_ms, status, attempts,
  used_fallback, streamed, error_kind)
SELECT u.row_id, u.request_id, u.correlation_id, COALESCE((SELECT array_agg(t) FROM json_array_elements_text(u.tags) t), ARRAY[]::text[]),
  u.unpriced, u.created_at, u.api_key_name, u.company_id, u.operation, u.route, u.provider, u.model, u.input_tokens, u.output_tokens,
  u.cache_read_tokens, u.cache_write_tokens, u.reasoning_tokens, u.cost_usd, u.latency_ms, u.status, u.attempts, u.used_fallback, u.streamed, u.error_kind
FROM unnest($1::text[], $2::text[], $3::text[], $4::json[], $5::bool[], $6::timestamptz[], $7::text[], $8::int[], $9::text[], $10::text[], $11::text[], $12::text[],
  $13::int[], $14::int[], $15::int[], $16::int[], $17::int[], $18::numeric[], $19::int[], $20::text[], $21::int[],
  $22::bool[], $23::bool[], $24::text[])
  AS u(row_id, request_id, correlation_id, tags, unpriced, created_at, api_key_name, company_id, operation, route, provider, model, input_tokens, output_tokens,
  cache_read_tokens, cache_write_tokens, reasoning_tokens, cost_usd, latency_ms, status, attempts, used_fallback, streamed, error_kind)
ON CONFLICT (row_id) DO NOTHING`;

function columns(rows: UsageRecord[]): unknown[][] {
  return [
    rows.map((r) => r.rowId),
    rows.map((r) => r.requestId),
    rows.map((r) => r.correlationId ?? null),
    rows.map((r) => JSON.stringify(r.tags ?? [])),
    rows.map((r) => r.unpriced === true),
    rows.map((r) => r.createdAt.toISOString()),
    rows.map((r) => r.apiKeyName),
    rows.map((r) => r.companyId),
    rows.map((r) => r.operation),
    rows.map((r) => r.route),
    rows.map((r) => r.provider),
    rows.map((r) => r.model),
    rows.map((r) => r.usage.input),
    rows.map((r) => r.usage.output),
    rows.map((r) => r.usage.cacheRead),
    rows.map((r) => r.usage.cacheWrite),
    rows.map((r) => r.usage.reasoning),
    rows.map((r) => r.costUsd),
    rows.map((r) => Math.round(r.latencyMs)),
    rows.map((r) => r.status),
    rows.map((r) => r.attempts),
    rows.map((r) => r.usedFallback),
    rows.map((r) => r.streamed),
    rows.map((r) => r.errorKind ?? null),
  ];
}
