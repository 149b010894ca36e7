export { DatabaseConnection } from './database-connection';
export { DatabaseModule } from './database.module';
export { PrismaService } from './prisma.service';
export { once, prismaNamespace } from './prisma-namespace';
export { SqlClient } from './sql-client';
export { applyMigrations, pendingMigrations, readMigrations } from './migrator';
