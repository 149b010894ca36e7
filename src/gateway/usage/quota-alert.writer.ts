import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { PrismaService } from 'src/infra/database';
import { GatewayEvent, QuotaAlertEvent } from '../gateway.events';

/** Keeps quota alerts in Postgres for the admin view; a write failure is logged, never raised. */
@Injectable()
export class QuotaAlertWriter {
  private readonly logger = new Logger(QuotaAlertWriter.name);

  constructor(private readonly prisma: PrismaService) {}

  @OnEvent(GatewayEvent.QuotaAlert, { async: true })
  async store(alert: QuotaAlertEvent): Promise<void> {
    this.logger.warn(alert.message);
    await this.prisma.quotaAlert
      .create({
        data: {
          provider: alert.provider,
          window: alert.window,
          level: alert.level,
          utilization: alert.utilization.toFixed(4),
          used: alert.used,
          limit: alert.limit,
          message: alert.message,
          createdAt: alert.createdAt,
        },
      })
      .catch((error: Error) => this.logger.warn(`quota alert not stored: ${error.message.split('\n')[0]}`));
  }
}
