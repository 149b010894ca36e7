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
        await this.prisma.usageRecord.createMany({ data: batch.map(toRow), skipDuplicates: true });
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

function toRow(r: UsageRecord) {
  return {
    requestId: r.requestId,
    createdAt: r.createdAt,
    apiKeyName: r.apiKeyName,
    companyId: r.companyId,
    operation: r.operation,
    route: r.route,
    provider: r.provider,
    model: r.model,
    inputTokens: r.usage.input,
    outputTokens: r.usage.output,
    cacheReadTokens: r.usage.cacheRead,
    cacheWriteTokens: r.usage.cacheWrite,
    reasoningTokens: r.usage.reasoning,
    costUsd: r.costUsd,
    latencyMs: Math.round(r.latencyMs),
    status: r.status,
    attempts: r.attempts,
    usedFallback: r.usedFallback,
    streamed: r.streamed,
    errorKind: r.errorKind ?? null,
  };
}
