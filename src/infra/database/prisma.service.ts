import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from 'src/generated/prisma/client';
import { DatabaseConnection } from './database-connection';

/** The Prisma client (Rust-free, over `pg`) for whichever Postgres the service runs on. */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleDestroy {
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

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
  }
}
