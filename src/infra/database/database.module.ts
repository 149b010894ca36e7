import { DynamicModule, Global, Module } from '@nestjs/common';
import { DatabaseConnection } from './database-connection';
import { PrismaService } from './prisma.service';

/** Provides PrismaService over an already-migrated database. */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(connection: DatabaseConnection): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [{ provide: DatabaseConnection, useValue: connection }, PrismaService],
      exports: [DatabaseConnection, PrismaService],
    };
  }
}
