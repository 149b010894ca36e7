import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from 'src/generated/prisma/client';
import { DatabaseConnection } from './database-connection';

/** The Prisma client (Rust-free, over `pg`) for whichever Postgres the service runs on. */
@Injectable()
/** Disconnects last (onApplicationShutdown), after the writers have flushed in beforeApplicationShutdown. */
export class PrismaService extends PrismaClient implements OnApplicationShutdown {
  constructor(connection: DatabaseConnection) {
    super({
      adapter: new PrismaPg({
        connectionString: connection.url,
        max: connection.poolSize,
        connectionTimeoutMillis: 3_000,
        statement_timeout: 15_000,
      }),
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.$disconnect();
  }
}
