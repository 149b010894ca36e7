import { DynamicModule, Global, Module } from '@nestjs/common';
import { DatabaseConnection } from './database-connection';
import { PrismaService } from './prisma.service';
import { SqlClient } from './sql-client';

/** Provides PrismaService (built on first use) and SqlClient (plain `pg`) over an already-migrated database. */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(connection: DatabaseConnection): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [{ provide: DatabaseConnection, useValue: connection }, PrismaService, SqlClient],
      exports: [DatabaseConnection, PrismaService, SqlClient],
    };
  }
}
